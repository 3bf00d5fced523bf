import { exampleRun } from '../../__testUtils__/apiExamples';
import {
  endpointTestApp,
  EndpointTestOptions,
} from '../../__testUtils__/endpointTestApp';
import { imageNotFound } from '../ImageFactoryService';
import { bindAnalyzeImageEndpoint } from './AnalyzeImage';

describe('POST /images/{namespace}/{kind}/{name}/analyze', () => {
  const model = { analyze: jest.fn(), isVisible: jest.fn() };
  const app = (options?: EndpointTestOptions) =>
    endpointTestApp(
      (router, services) =>
        bindAnalyzeImageEndpoint(router, { ...services, model }),
      options,
    );
  const url = '/images/Default/Component/Payments/analyze';
  const entityRef = 'component:default/Payments';

  beforeEach(() => {
    model.isVisible.mockReset().mockResolvedValue(true);
    model.analyze.mockReset().mockResolvedValue(exampleRun({ id: 'run-7' }));
  });

  it('queues an analysis of the entity the path names, says where to follow it, and audits it', async () => {
    const api = await app();
    const response = await api.post(url);
    expect(response.status).toBe(202);
    expect(response.body).toEqual(exampleRun({ id: 'run-7' }));
    expect(response.headers.location).toMatch(/\/runs\/run-7$/);
    expect(model.analyze).toHaveBeenCalledTimes(1);
    expect(model.analyze).toHaveBeenCalledWith(entityRef);
    expect(api.events).toEqual([
      expect.objectContaining({
        eventId: 'analyze',
        fromRequest: true,
        status: 'succeeded',
        meta: { entityRef, runId: 'run-7' },
      }),
    ]);
  });

  it('is 403 without image-factory.refresh, audited as refused, and queues nothing', async () => {
    const api = await app({ allow: ['image-factory.image.read'] });
    const response = await api.post(url);
    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(/image-factory\.refresh/);
    expect(response.headers.location).toBeUndefined();
    expect(model.analyze).not.toHaveBeenCalled();
    expect(api.events).toEqual([
      expect.objectContaining({
        eventId: 'analyze',
        status: 'failed',
        meta: { entityRef, outcome: 'refused-by-policy' },
      }),
    ]);
  });

  it.each([
    ['hidden from the caller in the catalog', false, undefined],
    ['whose image the caller may not read', true, ['image-factory.refresh']],
    ['the caller may neither read nor refresh', true, []],
  ])(
    'is 404, not 403, for an image %s, audited as not found',
    async (_what, visible, allow) => {
      model.isVisible.mockResolvedValue(visible);
      const api = await app({ allow });
      const response = await api.post(url);
      expect(response.status).toBe(404);
      expect(response.body.error.message).toBe(
        imageNotFound(entityRef).message,
      );
      expect(model.analyze).not.toHaveBeenCalled();
      expect(api.events[0]).toMatchObject({
        eventId: 'analyze',
        status: 'failed',
        meta: { outcome: 'not-found' },
      });
    },
  );

  it('is 404 for an entity that is not enrolled', async () => {
    model.analyze.mockRejectedValue(imageNotFound(entityRef));
    const api = await app();
    const response = await api.post(url);
    expect(response.status).toBe(404);
    expect(response.body.error.name).toBe('NotFoundError');
    expect(api.events[0]).toMatchObject({ status: 'failed' });
  });

  it('answers only POST', async () => {
    const api = await app();
    expect((await api.raw().get(url)).status).toBe(404);
    expect(model.analyze).not.toHaveBeenCalled();
    expect(api.events).toEqual([]);
  });
});
