import { mockCredentials } from '@backstage/backend-test-utils';
import { endpointTestApp } from '../../__testUtils__/endpointTestApp';
import { bindGetHealthEndpoint } from './GetHealth';

describe('GET /health', () => {
  it('answers ok to a caller without credentials or permissions, and audits nothing', async () => {
    const api = await endpointTestApp(router => bindGetHealthEndpoint(router), {
      credentials: mockCredentials.none(),
      allow: [],
    });
    const response = await api.get('/health');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({ status: 'ok' });
    expect(api.events).toEqual([]);
  });

  it('answers only GET', async () => {
    const api = await endpointTestApp(router => bindGetHealthEndpoint(router));
    expect((await api.raw().post('/health')).status).toBe(404);
  });
});
