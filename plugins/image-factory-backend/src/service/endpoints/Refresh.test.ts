import { mockCredentials } from '@backstage/backend-test-utils';
import { exampleRun } from '../../__testUtils__/apiExamples';
import {
  endpointTestApp,
  EndpointTestOptions,
} from '../../__testUtils__/endpointTestApp';
import { bindRefreshEndpoint } from './Refresh';

describe('POST /refresh', () => {
  const model = { refresh: jest.fn() };
  const app = (options?: EndpointTestOptions) =>
    endpointTestApp(
      (router, services) => bindRefreshEndpoint(router, { ...services, model }),
      options,
    );

  beforeEach(() => {
    model.refresh.mockReset().mockResolvedValue(exampleRun({ id: 'run-3' }));
  });

  it('queues a run, says where to follow it, and audits it', async () => {
    const api = await app();
    const response = await api.post('/refresh');
    expect(response.status).toBe(202);
    expect(response.body).toEqual(exampleRun({ id: 'run-3' }));
    expect(response.headers.location).toMatch(/\/runs\/run-3$/);
    expect(model.refresh).toHaveBeenCalledTimes(1);
    expect(api.events).toEqual([
      expect.objectContaining({
        eventId: 'refresh',
        fromRequest: true,
        status: 'succeeded',
        meta: { runId: 'run-3' },
      }),
    ]);
  });

  it('answers the run a request joined, which may already be running', async () => {
    const running = exampleRun({
      id: 'run-2',
      status: 'running',
      startedAt: '2026-11-30T10:00:05.000Z',
    });
    model.refresh.mockResolvedValue(running);
    const api = await app();
    const response = await api.post('/refresh');
    expect(response.status).toBe(202);
    expect(response.body).toEqual(running);
    expect(response.headers.location).toMatch(/\/runs\/run-2$/);
  });

  it.each([
    [
      'a user without image-factory.refresh',
      { allow: ['image-factory.image.read'] },
    ],
    [
      'a service without image-factory.refresh',
      { allow: [], credentials: mockCredentials.service('plugin:catalog') },
    ],
  ])(
    'is 403 for %s, queues nothing, and audits the refusal',
    async (_who, options) => {
      const api = await app(options);
      const response = await api.post('/refresh');
      expect(response.status).toBe(403);
      expect(response.body.error.name).toBe('NotAllowedError');
      expect(response.body.error.message).toMatch(/image-factory\.refresh/);
      expect(response.headers.location).toBeUndefined();
      expect(model.refresh).not.toHaveBeenCalled();
      expect(api.events).toEqual([
        expect.objectContaining({
          eventId: 'refresh',
          status: 'failed',
          meta: { outcome: 'refused-by-policy' },
        }),
      ]);
    },
  );

  it('answers only POST', async () => {
    const api = await app();
    expect((await api.raw().get('/refresh')).status).toBe(404);
    expect(model.refresh).not.toHaveBeenCalled();
  });
});
