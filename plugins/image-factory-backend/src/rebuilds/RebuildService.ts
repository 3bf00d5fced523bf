import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { auditDone } from '../audit/audited';
import { checkRebuildRequest } from './checkRebuildRequest';
import { judgeRebuild } from './judgeRebuild';
import { ConflictError, isError } from '@backstage/errors';
import {
  RebuildRecord as ApiRebuildRecord,
  formatDuration,
  ImageStatus,
  RebuildRequest,
  RebuildResponse,
  applyEligibility,
  Severity,
} from '@image-factory/backstage-plugin-image-factory-common';
import { ImageFactoryStore, RebuildRecord } from '../database';
import { RebuildTrigger } from '../triggers';
import { describePrincipal } from './describePrincipal';
import {
  NotifiedImage,
  PlatformAlert,
  RebuildEvent,
  RebuildNotifier,
} from './RebuildNotifier';
import { followRebuilds, RebuildSource } from './followRebuilds';
import { toApiRebuild } from './toApiRebuild';
import { selectAutomaticRebuilds } from './selectAutomaticRebuilds';
import { startRebuild } from './startRebuild';
import type { ManifestChecker } from './pinServedDigests';
import type { ImageReader } from './readImageFacts';

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
    private readonly bypassSeverity: Severity | undefined,
    private readonly registry: (ManifestChecker & ImageReader) | undefined,
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
    /** `imageFactory.supplyChain.bypassSeverity`; absent: off. */
    bypassSeverity?: Severity;
    /**
     * Checks that pinned digests are still served, and reads the images
     * successful rebuilds pushed; absent: neither is checked.
     */
    registry?: ManifestChecker & ImageReader;
  }): RebuildService {
    return new RebuildService(
      options.store,
      options.trigger,
      options.notifier ?? RebuildNotifier.create({ logger: options.logger }),
      options.coordinationWindowMs,
      options.runTimeoutMs ?? DEFAULT_RUN_TIMEOUT_MS,
      options.logger,
      options.auditor,
      options.bypassSeverity,
      options.registry,
    );
  }

  // What starting a rebuild needs; see startRebuild.
  private get starting() {
    return {
      store: this.store,
      trigger: this.trigger,
      logger: this.logger,
      registry: this.registry,
    };
  }

  /** A person's (or an automation's) rebuild, from the API. */
  async request(options: {
    status: ImageStatus;
    request: RebuildRequest;
    credentials: BackstageCredentials;
  }): Promise<RebuildResponse> {
    const { status, request } = options;
    const { replacesActive } = checkRebuildRequest(status, request, {
      coordinationWindowMs: this.coordinationWindowMs,
      now: new Date(),
    });
    const supersedes =
      replacesActive && request.emergency
        ? await this.staleActiveRebuilds(status)
        : [];
    const record = await startRebuild(this.starting, {
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

  /**
   * Triggers eligible auto-rebuild images: priority order, oldest first, capped.
   * Image by image: a failure is that image's error, and the rest go on. A
   * rebuild another replica already requested is skipped without an error.
   */
  async triggerEligible(
    statuses: readonly ImageStatus[],
    maxPerRun: number,
  ): Promise<{ started: RebuildRecord[]; errors: string[] }> {
    const started: RebuildRecord[] = [];
    const errors: string[] = [];
    for (const status of selectAutomaticRebuilds(statuses, maxPerRun)) {
      // Eligible on evidence: the delay is skipped, so the rebuild says so and
      // why, and is audited as a policy bypass.
      const fixes = status.eligibility.fixes ?? [];
      const trigger = fixes.length > 0 ? 'evidence' : 'auto';
      try {
        const record = await startRebuild(this.starting, {
          status,
          trigger,
          requestedBy: 'image-factory',
          ...(fixes.length > 0 && {
            justification: `newer base image digests fix ${fixes.join(', ')}`,
          }),
          bypassDelay: false,
        });
        started.push(record);
        // The plugin is the actor: no request, so the service's own credentials.
        await auditDone(
          this.auditor,
          {
            eventId: 'rebuild',
            severityLevel: fixes.length > 0 ? 'high' : 'medium',
            meta: {
              entityRef: status.entityRef,
              trigger,
              ...(fixes.length > 0 && { fixes }),
            },
          },
          judgeRebuild(record),
        );
        const rebuild = toApiRebuild(record);
        await this.notifier.notify(
          eventOf(rebuild),
          notifiedImage(status),
          rebuild,
        );
      } catch (error) {
        if (isError(error) && error.name === 'ConflictError') continue;
        const message = `${
          status.entityRef
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
      registry: this.registry,
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
      {
        coordinationWindowMs: this.coordinationWindowMs,
        now: new Date(),
        bypassSeverity: this.bypassSeverity,
      },
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
