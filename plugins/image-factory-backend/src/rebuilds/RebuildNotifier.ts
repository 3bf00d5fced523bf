import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { RebuildRecord } from '@image-factory/backstage-plugin-image-factory-common';
import { NotificationService } from '@backstage/plugin-notifications-node';

/** What happened to a rebuild that the image's owner should hear about. */
export type RebuildEvent = 'triggered' | 'failed' | 'emergency' | 'mismatch';

/** A problem of a whole run that the platform team must hear about. */
export interface PlatformAlert {
  title: string;
  description: string;
  /** Identifies the problem: a notification with the same scope replaces the last. */
  scope: string;
}

/** The image a notification is about. */
export interface NotifiedImage {
  entityRef: string;
  owner: string | null;
  image: string;
}

/**
 * Tells an image's owner about its rebuilds through Backstage notifications. The
 * notifications backend is optional: when it is not installed, or a send fails, the
 * failure is logged and the rebuild goes on.
 */
export class RebuildNotifier {
  private constructor(
    private readonly notifications: NotificationService | undefined,
    private readonly logger: LoggerService,
  ) {}

  static create(options: {
    notifications?: NotificationService;
    logger: LoggerService;
  }): RebuildNotifier {
    return new RebuildNotifier(options.notifications, options.logger);
  }

  /**
   * Logs the problem at error level and broadcasts it to every user (whoever
   * runs the platform reads it there too); a failed send is logged.
   */
  async alert(alert: PlatformAlert): Promise<void> {
    this.logger.error(`${alert.title}: ${alert.description}`);
    if (!this.notifications) {
      return;
    }
    try {
      await this.notifications.send({
        recipients: { type: 'broadcast' },
        payload: {
          title: alert.title,
          description: alert.description,
          link: '/image-factory',
          severity: 'critical',
          topic: 'image-factory',
          scope: alert.scope,
        },
      });
    } catch (error) {
      this.logger.warn(
        `Could not broadcast "${alert.title}": ${(error as Error).message}`,
      );
    }
  }

  async notify(
    event: RebuildEvent,
    status: NotifiedImage,
    rebuild: RebuildRecord,
  ): Promise<void> {
    if (!this.notifications || !status.owner) {
      return;
    }
    const image = status.image;
    const { namespace, kind, name } = parseEntityRef(status.entityRef);
    const titles: Record<RebuildEvent, string> = {
      triggered: `Rebuild of ${image} started`,
      failed: `Rebuild of ${image} failed`,
      emergency: `Emergency rebuild of ${image} by ${rebuild.requestedBy}`,
      mismatch: `Rebuild of ${image} is not on the new base image`,
    };
    const descriptions: Record<RebuildEvent, string> = {
      triggered: `A ${
        rebuild.trigger
      } rebuild on new base image digests was triggered${
        rebuild.runUrl ? `: ${rebuild.runUrl}` : '.'
      }`,
      failed: `The rebuild could not run: ${
        rebuild.error ?? rebuild.conclusion ?? 'unknown error'
      }`,
      emergency: `The cooling-off delay was bypassed. Justification: ${rebuild.justification}`,
      mismatch: `${
        rebuild.verification?.detail ?? 'The pushed image is on another digest.'
      } The image stays stale: check that the workflow builds on the digests it is given.`,
    };
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: status.owner },
        payload: {
          title: titles[event],
          description: descriptions[event],
          link: `/catalog/${namespace}/${kind}/${name}/image-status`,
          severity: event === 'triggered' ? 'normal' : 'high',
          topic: 'image-factory',
          scope: `image-factory:${status.entityRef}:${rebuild.id}:${event}`,
        },
      });
    } catch (error) {
      this.logger.warn(
        `Could not notify ${status.owner} about the rebuild of ${
          status.entityRef
        }: ${(error as Error).message}`,
      );
    }
  }
}
