import { PAGE_LIMITS } from '@image-factory/backstage-plugin-image-factory-common';
import { exampleImageListItem } from '../../__testUtils__/apiExamples';
import { endpointTestApp } from '../../__testUtils__/endpointTestApp';
import { bindListImagesEndpoint } from './ListImages';

describe('GET /images', () => {
  const model = { listImages: jest.fn() };
  const app = () =>
    endpointTestApp((router, services) =>
      bindListImagesEndpoint(router, { ...services, model }),
    );

  beforeEach(() => {
    model.listImages.mockReset().mockResolvedValue({
      items: [exampleImageListItem()],
      totalCount: 1,
      emergencyRebuildCount: 0,
    });
  });

  it('passes the typed query, entity refs unencoded as curl sends them, and the caller to the model', async () => {
    const api = await app();
    const response = await api.get(
      '/images?state=pending&owner=group:default/team-a&kind=managed&baseImage=node-22&search=pay&offset=10&limit=20&order=name',
    );
    expect(response.status).toBe(200);
    expect(response.body.items[0].entityRef).toBe('component:default/payments');
    expect(model.listImages).toHaveBeenCalledWith(
      {
        state: 'pending',
        owner: 'group:default/team-a',
        kind: 'managed',
        baseImage: 'node-22',
        search: 'pay',
        offset: 10,
        limit: 20,
        order: 'name',
      },
      expect.objectContaining({
        principal: expect.objectContaining({
          userEntityRef: 'user:default/mock',
        }),
      }),
    );
  });

  it('takes a page of the most items the shared limits allow, and no more', async () => {
    const api = await app();
    expect(
      (await api.get(`/images?limit=${PAGE_LIMITS.images.max}`)).status,
    ).toBe(200);
    const over = await api.get(`/images?limit=${PAGE_LIMITS.images.max + 1}`);
    expect(over.status).toBe(400);
    expect(over.body.error.message).toMatch(/limit/);
  });

  it.each([
    ['limit=0', /limit/],
    ['offset=-1', /offset/],
    ['limit=1.5', /limit/],
    ['state=stale', /state/],
    ['order=random', /order/],
    ['kind=base', /kind/],
    ['colour=red', /colour/],
  ])('refuses %s with a 400 naming the field', async (query, field) => {
    const api = await app();
    const response = await api.get(`/images?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
    expect(response.body.error.message).toMatch(field);
    expect(model.listImages).not.toHaveBeenCalled();
  });
});
