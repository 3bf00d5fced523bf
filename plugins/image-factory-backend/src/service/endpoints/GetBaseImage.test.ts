import { mockCredentials } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { exampleBaseImage } from '../../__testUtils__/apiExamples';
import { endpointTestApp } from '../../__testUtils__/endpointTestApp';
import { bindGetBaseImageEndpoint } from './GetBaseImage';

describe('GET /base-images/{name}', () => {
  const model = { getBaseImage: jest.fn() };
  const app = () =>
    endpointTestApp(
      (router, services) =>
        bindGetBaseImageEndpoint(router, { ...services, model }),
      { credentials: mockCredentials.user('user:default/alice') },
    );

  beforeEach(() => {
    model.getBaseImage.mockReset().mockResolvedValue(exampleBaseImage());
  });

  it('answers the base image the path names, asked for the caller', async () => {
    const api = await app();
    const response = await api.get('/base-images/docker-io-node-22');
    expect(response.status).toBe(200);
    expect(response.body).toEqual(exampleBaseImage());
    expect(model.getBaseImage).toHaveBeenCalledTimes(1);
    expect(model.getBaseImage).toHaveBeenCalledWith(
      'docker-io-node-22',
      expect.objectContaining({
        principal: expect.objectContaining({
          userEntityRef: 'user:default/alice',
        }),
      }),
    );
  });

  it('answers a base image before its first discovery', async () => {
    const fresh = exampleBaseImage({
      currentDigest: null,
      lastUpdated: null,
      previousDigest: null,
      updates: [],
    });
    model.getBaseImage.mockResolvedValue(fresh);
    const api = await app();
    const response = await api.get('/base-images/docker-io-node-22');
    expect(response.status).toBe(200);
    expect(response.body).toEqual(fresh);
  });

  it('is 404 with the model’s message for an unknown base image', async () => {
    model.getBaseImage.mockRejectedValue(
      new NotFoundError('No base image named docker-io-node-99'),
    );
    const api = await app();
    const response = await api.get('/base-images/docker-io-node-99');
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({
      name: 'NotFoundError',
      message: 'No base image named docker-io-node-99',
    });
    expect(model.getBaseImage).toHaveBeenCalledWith(
      'docker-io-node-99',
      expect.anything(),
    );
  });

  it('does not take a name with a slash', async () => {
    const api = await app();
    expect((await api.raw().get('/base-images/docker-io/node')).status).toBe(
      404,
    );
    expect(model.getBaseImage).not.toHaveBeenCalled();
  });
});
