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
