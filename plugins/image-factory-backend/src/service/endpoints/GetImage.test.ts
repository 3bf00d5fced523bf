import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { exampleImageStatus } from '../../__testUtils__/apiExamples';
import {
  endpointTestApp,
  EndpointTestOptions,
} from '../../__testUtils__/endpointTestApp';
import { imageNotFound } from '../ImageFactoryService';
import { bindGetImageEndpoint } from './GetImage';

describe('GET /images/{namespace}/{kind}/{name}', () => {
  const model = { getImage: jest.fn(), isVisible: jest.fn() };
  // Every permission request the endpoint makes, as the policy receives it.
  let asked: Parameters<PermissionsService['authorize']>[0];
  const app = (options?: EndpointTestOptions) =>
    endpointTestApp((router, services) => {
      const permissions: PermissionsService = {
        ...services.permissions,
        authorize: async (requests, authorizeOptions) => {
          asked.push(...requests);
          return services.permissions.authorize(requests, authorizeOptions);
        },
      };
      bindGetImageEndpoint(router, { ...services, permissions, model });
    }, options);
  const url = '/images/Default/Component/Payments';
  const entityRef = 'component:default/Payments';

  beforeEach(() => {
    asked = [];
    model.isVisible.mockReset().mockResolvedValue(true);
    model.getImage.mockReset().mockResolvedValue(exampleImageStatus());
  });

  it('answers the status of the entity the path names, kind and namespace lower-cased', async () => {
    const api = await app();
    const response = await api.get(url);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(exampleImageStatus());
    expect(model.getImage).toHaveBeenCalledTimes(1);
    expect(model.getImage).toHaveBeenCalledWith(entityRef);
  });

  it('asks the catalog and the policy about that entity, for the caller', async () => {
    const api = await app({
      credentials: mockCredentials.user('user:default/alice'),
    });
    expect((await api.get(url)).status).toBe(200);
    expect(model.isVisible).toHaveBeenCalledWith(
      entityRef,
      expect.objectContaining({
        principal: expect.objectContaining({
          userEntityRef: 'user:default/alice',
        }),
      }),
    );
    expect(asked).toEqual([
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'image-factory.image.read',
        }),
        resourceRef: entityRef,
      }),
    ]);
  });

  it('is 404 for an entity the caller may not read in the catalog, without reading the image', async () => {
    model.isVisible.mockResolvedValue(false);
    const api = await app();
    const response = await api.get(url);
    expect(response.status).toBe(404);
    expect(response.body.error.name).toBe('NotFoundError');
    expect(model.getImage).not.toHaveBeenCalled();
  });

  it('is 404 without image-factory.image.read, without reading the image', async () => {
    const api = await app({ allow: ['image-factory.refresh'] });
    const response = await api.get(url);
    expect(response.status).toBe(404);
    expect(model.getImage).not.toHaveBeenCalled();
  });

  it('is 404 for an entity that is not enrolled, in the same words as for a hidden one', async () => {
    model.getImage.mockRejectedValue(imageNotFound(entityRef));
    const notEnrolled = await (await app()).get(url);
    expect(notEnrolled.status).toBe(404);
    expect(notEnrolled.body.error.message).toBe(
      imageNotFound(entityRef).message,
    );

    // Enrolled, so only the access check can make this one 404.
    model.getImage.mockResolvedValue(exampleImageStatus());
    const hidden = await (await app({ allow: [] })).get(url);
    expect(hidden.status).toBe(404);
    expect({
      name: hidden.body.error.name,
      message: hidden.body.error.message,
    }).toEqual({
      name: notEnrolled.body.error.name,
      message: notEnrolled.body.error.message,
    });
  });

  it('is not the route of the image actions', async () => {
    const api = await app();
    expect((await api.raw().get(`${url}/rebuild`)).status).toBe(404);
    expect(model.getImage).not.toHaveBeenCalled();
  });
});
