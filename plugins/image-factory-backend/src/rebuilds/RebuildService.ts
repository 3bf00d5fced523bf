import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { auditDone } from '../audit/audited';
import { EarlyRebuildError } from './EarlyRebuildError';
import { judgeRebuild } from './judgeRebuild';
import { ConflictError, InputError, isError } from '@backstage/errors';
import {
  RebuildRecord as ApiRebuildRecord,
  formatDuration,
  ImageStatus,
  isActiveRebuildStatus,
  orderRebuilds,
  RebuildRequest,
  RebuildResponse,
  RebuildTriggerKind,
  selectRebuildDigests,
} from '@internal/plugin-image-factory-common';
import { createHash } from 'node:crypto';
import { ImageFactoryStore, RebuildRecord } from '../database';
import { RebuildTrigger, TriggerError } from '../triggers';
import { describePrincipal } from './describePrincipal';
import {
  NotifiedImage,
  PlatformAlert,
  RebuildEvent,
  RebuildNotifier,
} from './RebuildNotifier';
import { applyEligibility } from '../status/applyEligibility';
import { followRebuilds, RebuildSource } from './followRebuilds';
import { toApiRebuild } from './toApiRebuild';
import { toRebuildStatus } from './toRebuildStatus';

/** Who, why and on what a rebuild is asked for. */
interface RebuildAsk {
  status: ImageStatus;
  trigger: RebuildTriggerKind;
  requestedBy: string;
  justification?: string;
  bypassDelay: boolean;
  /** Stale active rebuilds this emergency rebuild ends. */
  supersedes?: RebuildRecord[];
}

/** Default of `imageFactory.rebuilds.runTimeout`. */
const DEFAULT_RUN_TIMEOUT_MS = 30 * 60_000;

/**
 * A rebuild sent this long ago whose run is still not known is stale: an
 * emergency rebuild may take its place without waiting out the run timeout.
 */
const STALE_WITHOUT_RUN_MS = 5 * 60_000;

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
    private readonly runTimeoutMs: number,
    private readonly logger: LoggerService,
    private readonly auditor: AuditorService,
  ) {}

  static create(options: {
    store: ImageFactoryStore;
    trigger: RebuildTrigger;
    logger: LoggerService;
    /** Records each automatic rebuild; those asked through the API are audited by the router. */
    auditor: AuditorService;
    /** Absent: owners are not notified. */
    notifier?: RebuildNotifier;
    /** `imageFactory.defaults.coordinationWindow`, in milliseconds. */
    coordinationWindowMs: number;
    /** `imageFactory.rebuilds.runTimeout`, in milliseconds; default 30 minutes. */
    runTimeoutMs?: number;
  }): RebuildService {
    return new RebuildService(
      options.store,
      options.trigger,
      options.notifier ?? RebuildNotifier.create({ logger: options.logger }),
      options.coordinationWindowMs,
      options.runTimeoutMs ?? DEFAULT_RUN_TIMEOUT_MS,
      options.logger,
      options.auditor,
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
    const supersedes =
      state === 'rebuilding' && request.emergency
        ? await this.staleActiveRebuilds(status)
        : [];
    if (
      state === 'blocked' ||
      (state === 'rebuilding' && !request.emergency) ||
      (state === 'rebuilding' && this.isBlockedWithout(status))
    ) {
      throw new ConflictError(
        `${status.entityRef} cannot be rebuilt now (${state}): ${reasons.join(
          '; ',
        )}`,
      );
    }
    if (!request.emergency && state !== 'eligible' && state !== 'failed') {
      throw new EarlyRebuildError(
        `${
          status.entityRef
        } is not eligible for a rebuild yet (${state}): ${reasons.join(
          '; ',
        )}. An emergency rebuild bypasses the delay.`,
        status.eligibility.eligibleAt,
      );
    }
    const record = await this.start({
      status,
      trigger: request.emergency ? 'emergency' : 'manual',
      requestedBy: describePrincipal(options.credentials),
      justification: request.justification?.trim(),
      bypassDelay: request.emergency ?? false,
      supersedes,
    });
    const rebuild = toApiRebuild(record);
    const ended = new Set(supersedes.map(r => r.id));
    await this.showRebuild(
      {
        ...status,
        // Ended just now: shown as the store has them, until the next run syncs.
        rebuilds: status.rebuilds.map(r =>
          ended.has(r.id) ? { ...r, status: 'failed' } : r,
        ),
      },
      rebuild,
    );
    await this.notifier.notify(
      eventOf(rebuild),
      notifiedImage(status),
      rebuild,
    );
    return supersedes.length > 0
      ? { rebuild, supersededRebuildIds: [...ended] }
      : { rebuild };
  }

  /**
   * The active rebuilds of an image an emergency rebuild may end: each must be
   * stale, sent without a known run for {@link STALE_WITHOUT_RUN_MS}, or older
   * than the run timeout. A fresh one is a conflict: its run may be building.
   */
  private async staleActiveRebuilds(
    status: ImageStatus,
  ): Promise<RebuildRecord[]> {
    const now = Date.now();
    const active = await this.store.listRebuilds({
      entityRef: status.entityRef,
      active: true,
    });
    const fresh = active.filter(rebuild => {
      const age = now - Date.parse(rebuild.requestedAt);
      const withoutRun = rebuild.status === 'dispatched' || !rebuild.runId;
      return (
        age < this.runTimeoutMs && !(withoutRun && age >= STALE_WITHOUT_RUN_MS)
      );
    });
    if (fresh.length > 0) {
      throw new ConflictError(
        `${
          status.entityRef
        } cannot be rebuilt now (rebuilding): ${status.eligibility.reasons.join(
          '; ',
        )}. An emergency rebuild replaces a rebuild only once its run has not appeared for ${formatDuration(
          STALE_WITHOUT_RUN_MS,
        )}, or it is older than ${formatDuration(this.runTimeoutMs)}.`,
      );
    }
    return active;
  }

  // Whether the image would be blocked if the rebuilds in flight were gone:
  // superseding one must not get round a block.
  private isBlockedWithout(status: ImageStatus): boolean {
    return (
      applyEligibility(
        {
          ...status,
          rebuilds: status.rebuilds.filter(
            r => !isActiveRebuildStatus(r.status),
          ),
        },
        { coordinationWindowMs: this.coordinationWindowMs, now: new Date() },
      ).eligibility.state === 'blocked'
    );
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
        // The plugin is the actor: no request, so the service's own credentials.
        await auditDone(
          this.auditor,
          {
            eventId: 'rebuild',
            severityLevel: 'medium',
            meta: { entityRef: candidate.entityRef, trigger: 'auto' },
          },
          judgeRebuild(record),
        );
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

  /** Tells the platform team about a problem of a whole run, through the owners' notifier. */
  alert(alert: PlatformAlert): Promise<void> {
    return this.notifier.alert(alert);
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
      runTimeoutMs: this.runTimeoutMs,
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
    // The rebuilds this one supersedes count as finished: they are, once it is
    // recorded, and one of them may be on these very digests.
    const superseded = new Set((ask.supersedes ?? []).map(r => r.id));
    const attempt = previous.filter(
      r =>
        r.triggerKey.includes(fingerprint) &&
        (r.status === 'completed' ||
          r.status === 'failed' ||
          superseded.has(r.id)),
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
    for (const old of ask.supersedes ?? []) {
      await this.store.updateRebuild(old.id, {
        status: 'failed',
        error: `superseded by emergency rebuild ${rebuild.id} requested by ${ask.requestedBy}`,
        finishedAt: new Date().toISOString(),
      });
    }
    try {
      const result = await this.trigger.trigger({
        entityRef: status.entityRef,
        sourceLocation: status.enrollment.sourceLocation ?? '',
        workflow: status.enrollment.workflow ?? '',
        baseImages: digests,
        reason: reasonOf(ask, digests.length),
        trigger: ask.trigger,
        requestedBy: ask.requestedBy,
        rebuildId: rebuild.id,
      });
      return await this.store.updateRebuild(rebuild.id, {
        provider: result.provider,
        status: toRebuildStatus(result.status),
        ref: result.ref,
        dispatchedAt: result.dispatchedAt,
        ...(result.runId ? { runId: result.runId } : {}),
        ...(result.runUrl ? { runUrl: result.runUrl } : {}),
      });
    } catch (error) {
      const message = (error as Error).message;
      if (error instanceof TriggerError && error.outcomeUnknown) {
        // The run may exist: it is looked for by this rebuild's id, and the
        // rebuild is not sent again while it is active.
        this.logger.warn(
          `Rebuild ${rebuild.id} of ${status.entityRef} was sent, and what became of it is unknown: ${message}`,
        );
        return await this.store.updateRebuild(rebuild.id, {
          provider: error.provider,
          status: 'dispatched',
          error: message,
        });
      }
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
