import { exampleRebuild } from '../../__testUtils__/apiExamples';
import {
  endpointTestApp,
  EndpointTestOptions,
} from '../../__testUtils__/endpointTestApp';
import { EarlyRebuildError } from '../../rebuilds/EarlyRebuildError';
import { bindRebuildImageEndpoint } from './RebuildImage';

const JUSTIFICATION = 'CVE-2026-1234 in openssl is exploited in the wild';

describe('POST /images/{namespace}/{kind}/{name}/rebuild', () => {
  const model = { rebuild: jest.fn(), isVisible: jest.fn() };
  const app = (options?: EndpointTestOptions) =>
    endpointTestApp(
      (router, services) =>
        bindRebuildImageEndpoint(router, { ...services, model }),
      options,
    );
  const url = '/images/Default/Component/Payments/rebuild';

  beforeEach(() => {
    model.isVisible.mockReset().mockResolvedValue(true);
    model.rebuild.mockReset().mockResolvedValue({ rebuild: exampleRebuild() });
  });

  it('starts a rebuild of the entity the path names, for the caller, and audits it', async () => {
    const api = await app();
    const response = await api.post(url, {});
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ rebuild: exampleRebuild() });
    expect(model.rebuild).toHaveBeenCalledWith({
      entityRef: 'component:default/Payments',
      request: {},
      credentials: expect.objectContaining({
        principal: expect.objectContaining({
          userEntityRef: 'user:default/mock',
        }),
      }),
    });
    expect(api.events).toEqual([
      expect.objectContaining({
        eventId: 'rebuild',
        severityLevel: 'medium',
        status: 'succeeded',
        meta: expect.objectContaining({
          entityRef: 'component:default/Payments',
          emergency: false,
        }),
      }),
    ]);
  });

  it('answers an early rebuild 409 with a typed eligibleAt', async () => {
    model.rebuild.mockRejectedValue(
      new EarlyRebuildError('not eligible yet', '2026-12-06T09:00:00.000Z'),
    );
    const api = await app();
    const response = await api.post(url, {});
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({
      name: 'ConflictError',
      message: 'not eligible yet',
      eligibleAt: '2026-12-06T09:00:00.000Z',
    });
    expect(api.events[0]).toMatchObject({
      eventId: 'rebuild',
      status: 'failed',
    });
  });

  it('records a build that could not be started as failed, though the answer is 201', async () => {
    model.rebuild.mockResolvedValue({
      rebuild: exampleRebuild({
        status: 'failed',
        error: 'HTTP 422: no workflow',
      }),
    });
    const api = await app();
    const response = await api.post(url, {});
    expect(response.status).toBe(201);
    expect(api.events[0]).toMatchObject({ status: 'failed' });
  });

  it('starts an emergency rebuild with its justification, audited as high', async () => {
    model.rebuild.mockResolvedValue({
      rebuild: exampleRebuild({
        trigger: 'emergency',
        justification: JUSTIFICATION,
      }),
      supersededRebuildIds: ['rb-0'],
    });
    const api = await app();
    const response = await api.post(url, {
      emergency: true,
      justification: JUSTIFICATION,
    });
    expect(response.status).toBe(201);
    expect(response.body.supersededRebuildIds).toEqual(['rb-0']);
    expect(api.events[0]).toMatchObject({
      eventId: 'emergency-rebuild',
      severityLevel: 'high',
      status: 'succeeded',
      meta: {
        justification: JUSTIFICATION,
        supersededRebuildIds: ['rb-0'],
      },
    });
  });

  it.each([
    ['too short', 'urgent'],
    ['padding', 'xxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['a control character', 'CVE-2026-1234 is\u001b[31m exploited now'],
  ])(
    'refuses an emergency justification that is %s, and audits the refusal',
    async (_what, justification) => {
      const api = await app();
      const response = await api.post(url, { emergency: true, justification });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/justification/);
      expect(model.rebuild).not.toHaveBeenCalled();
      expect(api.events[0]).toMatchObject({
        eventId: 'emergency-rebuild',
        status: 'failed',
      });
    },
  );

  it.each([
    ['an unknown field', { force: true }],
    ['a non-boolean emergency', { emergency: 'yes' }],
    [
      'a justification over 2000 characters',
      { justification: 'a '.repeat(1001) },
    ],
  ])('refuses a body with %s before anything runs', async (_what, body) => {
    const api = await app();
    const response = await api.post(url, body);
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
    expect(model.rebuild).not.toHaveBeenCalled();
  });

  it('is 403 without the rebuild permission, 404 for an image the caller may not read', async () => {
    const noEmergency = await app({
      allow: ['image-factory.image.read', 'image-factory.rebuild.create'],
    });
    const forbidden = await noEmergency.post(url, {
      emergency: true,
      justification: JUSTIFICATION,
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toMatch(
      /image-factory.rebuild.emergency/,
    );

    const cannotRead = await app({ allow: ['image-factory.rebuild.create'] });
    expect((await cannotRead.post(url, {})).status).toBe(404);

    model.isVisible.mockResolvedValue(false);
    const hidden = await app();
    expect((await hidden.post(url, {})).status).toBe(404);
    expect(model.rebuild).not.toHaveBeenCalled();
  });
});
