import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { imageFactoryPlugin } from './plugin';

describe('imageFactoryPlugin', () => {
  it('answers the health check without credentials', async () => {
    const { server } = await startTestBackend({
      features: [imageFactoryPlugin, mockServices.rootConfig.factory()],
    });
    const res = await request(server).get('/api/image-factory/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});
