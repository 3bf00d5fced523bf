import { mockServices } from '@backstage/backend-test-utils';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { RebuildNotifier } from './RebuildNotifier';

describe('RebuildNotifier.alert', () => {
  const alert = {
    title: 'Image Factory refused to archive most images',
    description: 'The run would archive 4 of the 4 active images',
    scope: 'image-factory:archive-limit',
  };

  it('logs the alert at error level and broadcasts it', async () => {
    const logger = mockServices.logger.mock();
    const send = jest.fn(async () => {});
    const notifications: NotificationService = { send };
    await RebuildNotifier.create({ notifications, logger }).alert(alert);

    expect(logger.error).toHaveBeenCalledWith(
      `${alert.title}: ${alert.description}`,
    );
    expect(send).toHaveBeenCalledWith({
      recipients: { type: 'broadcast' },
      payload: expect.objectContaining({
        title: alert.title,
        description: alert.description,
        severity: 'critical',
        topic: 'image-factory',
        scope: alert.scope,
      }),
    });
  });

  it('only logs without a notifications service, and survives a failed send', async () => {
    const logger = mockServices.logger.mock();
    await RebuildNotifier.create({ logger }).alert(alert);
    expect(logger.error).toHaveBeenCalledTimes(1);

    const failing: NotificationService = {
      send: async () => {
        throw new Error('notifications backend is down');
      },
    };
    await RebuildNotifier.create({ notifications: failing, logger }).alert(
      alert,
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('notifications backend is down'),
    );
  });
});

describe('RebuildNotifier.notify', () => {
  it('tells the owner that a successful rebuild stayed on the old base image, in what the check found', async () => {
    const send = jest.fn(async () => {});
    const notifier = RebuildNotifier.create({
      notifications: { send },
      logger: mockServices.logger.mock(),
    });
    const detail =
      'Rebuilt, but still on sha256:111111111111 of docker.io/library/node:22 instead of sha256:222222222222 (layers).';
    await notifier.notify(
      'mismatch',
      {
        entityRef: 'component:default/payments',
        owner: 'group:default/payments-team',
        image: 'ghcr.io/acme/payments',
      },
      {
        id: 'rb-1',
        trigger: 'auto',
        requestedBy: 'image-factory',
        requestedAt: '2026-12-05T10:00:00.000Z',
        provider: 'github',
        status: 'completed',
        conclusion: 'success',
        baseDigests: {},
        verification: {
          outcome: 'mismatch',
          checkedAt: '2026-12-05T10:30:00.000Z',
          image: null,
          detail,
          baseImages: [],
        },
      },
    );
    expect(send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: 'group:default/payments-team' },
      payload: expect.objectContaining({
        title: 'Rebuild of ghcr.io/acme/payments is not on the new base image',
        description: expect.stringContaining(detail),
        severity: 'high',
        link: '/catalog/default/component/payments/image-status',
        scope: 'image-factory:component:default/payments:rb-1:mismatch',
      }),
    });
  });
});
