import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, isError } from '@backstage/errors';
import {
  RebuildRecord as ApiRebuildRecord,
  ImageStatus,
  orderRebuilds,
  RebuildRequest,
  RebuildResponse,
  selectRebuildDigests,
} from '@internal/plugin-image-factory-common';
import { createHash } from 'node:crypto';
import { ImageFactoryStore, RebuildRecord } from '../database';
import { RebuildTrigger } from '../triggers';
import { describePrincipal } from './describePrincipal';
import {
  NotifiedImage,
  RebuildEvent,
  RebuildNotifier,
} from './RebuildNotifier';
import { applyEligibility } from '../status/applyEligibility';
import { followRebuilds, RebuildSource } from './followRebuilds';
import { toApiRebuild } from './toApiRebuild';

/** Who, why and on what a rebuild is asked for. */
interface RebuildAsk {
  status: ImageStatus;
  trigger: 'auto' | 'manual' | 'emergency';
  requestedBy: string;
  justification?: string;
  bypassDelay: boolean;
}

/**
 * Requests rebuilds (automatic, manual and emergency), records each attempt before
 * it is triggered under a unique key, so two backend replicas can never both
 * trigger the same rebuild, and follows runs to their conclusion.
 */
export class RebuildService {
  private constructor(
    private readonly store: ImageFactoryStore,
    private readonly trigger: RebuildTrigger,
    private readonly notifier: RebuildNotifier,
    private readonly coordinationWindowMs: number,
    private readonly logger: LoggerService,
  ) {}

  static create(options: {
    store: ImageFactoryStore;
    trigger: RebuildTrigger;
    logger: LoggerService;
    /** Absent: owners are not notified. */
    notifier?: RebuildNotifier;
    /** `imageFactory.defaults.coordinationWindow`, in milliseconds. */
    coordinationWindowMs: number;
  }): RebuildService {
    return new RebuildService(
      options.store,
      options.trigger,
      options.notifier ?? RebuildNotifier.create({ logger: options.logger }),
      options.coordinationWindowMs,
      options.logger,
    );
  }

  /** A person's (or an automation's) rebuild, from the API. */
  async request(options: {
    status: ImageStatus;
    request: RebuildRequest;
    credentials: BackstageCredentials;
  }): Promise<RebuildResponse> {
    const { status, request } = options;
    if (status.kind !== 'managed') {
      throw new InputError(
        `${status.entityRef} is an external image: the Image Factory monitors it and never rebuilds it`,
      );
    }
    const { state, reasons } = status.eligibility;
    if (state === 'blocked' || state === 'rebuilding') {
      throw new ConflictError(
        `${status.entityRef} cannot be rebuilt now (${state}): ${reasons.join(
          '; ',
        )}`,
      );
    }
    if (!request.emergency && state !== 'eligible' && state !== 'failed') {
      const error = new ConflictError(
        `${
          status.entityRef
        } is not eligible for a rebuild yet (${state}): ${reasons.join(
          '; ',
        )}. An emergency rebuild bypasses the delay.`,
      );
      Object.assign(error, { eligibleAt: status.eligibility.eligibleAt });
      throw error;
    }
    const record = await this.start({
      status,
      trigger: request.emergency ? 'emergency' : 'manual',
      requestedBy: describePrincipal(options.credentials),
      justification: request.justification?.trim(),
      bypassDelay: request.emergency ?? false,
    });
    const rebuild = toApiRebuild(record);
    await this.showRebuild(status, rebuild);
    await this.notifier.notify(
      eventOf(rebuild),
      notifiedImage(status),
      rebuild,
    );
    return { rebuild };
  }

  /**
   * Triggers eligible auto-rebuild images: priority order, oldest first, capped.
   * Image by image: a failure is that image's error, and the rest go on. A
   * rebuild another replica already requested is skipped without an error.
   */
  async triggerEligible(
    statuses: readonly ImageStatus[],
    maxPerRun: number,
  ): Promise<{ started: RebuildRecord[]; errors: string[] }> {
    const candidates = statuses
      .filter(s => s.kind === 'managed' && s.eligibility.state === 'eligible')
      .filter(s => s.enrollment.autoRebuild)
      .map(s => ({
        status: s,
        entityRef: s.entityRef,
        priority: s.enrollment.priority,
        eligibleAt: s.eligibility.eligibleAt ?? '',
      }));
    const started: RebuildRecord[] = [];
    const errors: string[] = [];
    for (const candidate of orderRebuilds(candidates, { maxPerRun })) {
      try {
        const record = await this.start({
          status: candidate.status,
          trigger: 'auto',
          requestedBy: 'image-factory',
          bypassDelay: false,
        });
        started.push(record);
        const rebuild = toApiRebuild(record);
        await this.notifier.notify(
          eventOf(rebuild),
          notifiedImage(candidate.status),
          rebuild,
        );
      } catch (error) {
        if (isError(error) && error.name === 'ConflictError') continue;
        const message = `${
          candidate.entityRef
        }: the rebuild could not be requested: ${
          isError(error) ? error.message : String(error)
        }`;
        this.logger.warn(message);
        errors.push(message);
      }
    }
    return { started, errors };
  }

  /** Asks the CI provider how each running rebuild is doing and records it. */
  followActive(sources: ReadonlyMap<string, RebuildSource>, now: Date) {
    return followRebuilds({
      store: this.store,
      trigger: this.trigger,
      notifier: this.notifier,
      logger: this.logger,
      sources,
      now,
    });
  }

  // The status is otherwise refreshed by the next pipeline run; the person who
  // asked should see the rebuild now, judged exactly as the pipeline would.
  private async showRebuild(status: ImageStatus, rebuild: ApiRebuildRecord) {
    const updated = applyEligibility(
      {
        ...status,
        rebuilds: [rebuild, ...status.rebuilds],
        emergencyRebuildCount:
          status.emergencyRebuildCount +
          (rebuild.trigger === 'emergency' ? 1 : 0),
      },
      { coordinationWindowMs: this.coordinationWindowMs, now: new Date() },
    );
    const stored = await this.store.getImageStatus(status.entityRef);
    if (stored) {
      await this.store.updateImageStatus({
        ...stored,
        eligibilityState: updated.eligibility.state,
        eligibleAt: updated.eligibility.eligibleAt,
        status: updated,
      });
    }
  }

  private async start(ask: RebuildAsk): Promise<RebuildRecord> {
    const { status } = ask;
    const digests = selectRebuildDigests(status.baseImages, {
      bypassDelay: ask.bypassDelay,
    });
    const baseDigests = Object.fromEntries(digests.map(d => [d.ref, d.digest]));
    const previous = await this.store.listRebuilds({
      entityRef: status.entityRef,
    });
    const fingerprint = createHash('sha256')
      .update(JSON.stringify(digests))
      .digest('hex')
      .slice(0, 16);
    // Only finished attempts count: a replica racing us sees our unfinished record
    // or none, computes the same key either way, and loses on the unique index.
    const attempt = previous.filter(
      r =>
        r.triggerKey.includes(fingerprint) &&
        (r.status === 'completed' || r.status === 'failed'),
    ).length;
    const created = await this.store.createRebuild({
      entityRef: status.entityRef,
      // One attempt per image, digest set and attempt number: a second replica
      // computing the same rebuild collides here instead of triggering twice.
      triggerKey: `${status.entityRef}|${fingerprint}|${attempt}`,
      trigger: ask.trigger,
      requestedBy: ask.requestedBy,
      ...(ask.justification ? { justification: ask.justification } : {}),
      provider: 'pending',
      baseDigests,
    });
    if (!created.created) {
      throw new ConflictError(
        `A rebuild of ${status.entityRef} on these digests was already requested`,
      );
    }
    const rebuild = created.rebuild;
    try {
      const result = await this.trigger.trigger({
        entityRef: status.entityRef,
        sourceLocation: status.enrollment.sourceLocation ?? '',
        workflow: status.enrollment.workflow ?? '',
        baseImages: digests,
        reason: reasonOf(ask, digests.length),
        trigger: ask.trigger,
        requestedBy: ask.requestedBy,
      });
      return await this.store.updateRebuild(rebuild.id, {
        provider: result.provider,
        status: result.status,
        ...(result.runId ? { runId: result.runId } : {}),
        ...(result.runUrl ? { runUrl: result.runUrl } : {}),
      });
    } catch (error) {
      const message = (error as Error).message;
      this.logger.warn(
        `Rebuild of ${status.entityRef} failed to start: ${message}`,
      );
      return await this.store.updateRebuild(rebuild.id, {
        status: 'failed',
        error: message,
        finishedAt: new Date().toISOString(),
      });
    }
  }
}

function reasonOf(ask: RebuildAsk, count: number): string {
  if (ask.trigger === 'emergency') {
    return `Emergency rebuild by ${ask.requestedBy}: ${ask.justification}`;
  }
  const what = `${count} base image${count === 1 ? '' : 's'}`;
  return ask.trigger === 'auto'
    ? `New digests of ${what} passed the rebuild delay`
    : `Rebuild requested by ${ask.requestedBy} on ${what}`;
}

function eventOf(rebuild: ApiRebuildRecord): RebuildEvent {
  if (rebuild.status === 'failed') return 'failed';
  return rebuild.trigger === 'emergency' ? 'emergency' : 'triggered';
}

function notifiedImage(status: ImageStatus): NotifiedImage {
  return {
    entityRef: status.entityRef,
    owner: status.owner,
    image: status.enrollment.image,
  };
}
