import { mockCredentials } from '@backstage/backend-test-utils';
import {
  BaseImageDetail,
  PAGE_LIMITS,
} from '@image-factory/backstage-plugin-image-factory-common';
import { exampleBaseImage } from '../../__testUtils__/apiExamples';
import { endpointTestApp } from '../../__testUtils__/endpointTestApp';
import { bindListBaseImagesEndpoint } from './ListBaseImages';

// What the list says of a base image: its fields without freight and history.
function summaryOf(detail: BaseImageDetail) {
  const { ref, name, registry, repository, tag } = detail;
  const { currentDigest, lastUpdated, dependents } = detail;
  return {
    ref,
    name,
    registry,
    repository,
    tag,
    currentDigest,
    lastUpdated,
    dependents,
  };
}

describe('GET /base-images', () => {
  const model = { listBaseImages: jest.fn() };
  const app = (options?: Parameters<typeof endpointTestApp>[1]) =>
    endpointTestApp(
      (router, services) =>
        bindListBaseImagesEndpoint(router, { ...services, model }),
      options,
    );
  const page = {
    items: [summaryOf(exampleBaseImage())],
    totalCount: 1,
  };

  beforeEach(() => {
    model.listBaseImages.mockReset().mockResolvedValue(page);
  });

  it('passes the typed page and the caller to the model, and answers its page', async () => {
    const api = await app({
      credentials: mockCredentials.user('user:default/alice'),
    });
    const response = await api.get('/base-images?offset=10&limit=20');
    expect(response.status).toBe(200);
    expect(response.body).toEqual(page);
    expect(model.listBaseImages).toHaveBeenCalledWith(
      { offset: 10, limit: 20 },
      expect.objectContaining({
        principal: expect.objectContaining({
          userEntityRef: 'user:default/alice',
        }),
      }),
    );
  });

  it('asks for the first page of the default size when the query says nothing', async () => {
    const api = await app();
    expect((await api.get('/base-images')).status).toBe(200);
    const [query] = model.listBaseImages.mock.calls[0];
    expect(query.offset ?? 0).toBe(0);
    expect(query.limit ?? PAGE_LIMITS.baseImages.default).toBe(
      PAGE_LIMITS.baseImages.default,
    );
  });

  it('answers a base image that discovery has not reached yet', async () => {
    const undiscovered = {
      ...summaryOf(exampleBaseImage()),
      currentDigest: null,
      lastUpdated: null,
      error: 'docker.io answered 429',
    };
    model.listBaseImages.mockResolvedValue({
      items: [undiscovered],
      totalCount: 1,
    });
    const api = await app();
    const response = await api.get('/base-images');
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([undiscovered]);
  });

  it('takes a page of the most items the shared limits allow, and no more', async () => {
    const api = await app();
    const most = await api.get(
      `/base-images?limit=${PAGE_LIMITS.baseImages.max}`,
    );
    expect(most.status).toBe(200);
    expect(model.listBaseImages).toHaveBeenCalledWith(
      { limit: PAGE_LIMITS.baseImages.max },
      expect.anything(),
    );
    const over = await api.get(
      `/base-images?limit=${PAGE_LIMITS.baseImages.max + 1}`,
    );
    expect(over.status).toBe(400);
    expect(over.body.error.message).toMatch(/limit/);
    expect(model.listBaseImages).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['limit=0', /limit/],
    ['limit=ten', /limit/],
    ['limit=1.5', /limit/],
    ['offset=-1', /offset/],
    ['state=pending', /state/],
    ['colour=red', /colour/],
  ])('refuses %s with a 400 naming the field', async (query, field) => {
    const api = await app();
    const response = await api.get(`/base-images?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
    expect(response.body.error.message).toMatch(field);
    expect(model.listBaseImages).not.toHaveBeenCalled();
  });
});
