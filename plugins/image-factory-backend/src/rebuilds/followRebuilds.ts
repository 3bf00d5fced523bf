import { LoggerService } from '@backstage/backend-plugin-api';
import {
  formatDuration,
  IMAGE_FACTORY_ANNOTATIONS,
  ImageStatus,
  RebuildProvider,
} from '@image-factory/backstage-plugin-image-factory-common';
import { ImageFactoryStore, RebuildRecord } from '../database';
import { GITHUB_INPUT_NAMES, RebuildTrigger, TriggerError } from '../triggers';
import { RebuildNotifier } from './RebuildNotifier';
import { toApiRebuild } from './toApiRebuild';
import { toRebuildStatus } from './toRebuildStatus';
import { ImageReader } from './readImageFacts';
import { verifyRebuild } from './verifyRebuild';

/** What following a rebuild needs to know of its image, from its enrollment. */
export interface RebuildSource {
  sourceLocation: string | null;
  workflow: string | null;
  owner: string | null;
  image: string | null;
  /** The tag the build pushes, read to verify a successful rebuild. */
  imageTag: string;
  platforms: string[];
}

/**
 * Asks the CI provider how each running rebuild is doing and records it; a run
 * that ends without success is reported to the image's owner. A rebuild whose
 * run is not known yet (its trigger's answer was lost, or the server does not
 * return run ids) is looked for by its own id, and never by time alone.
 *
 * No rebuild stays active forever: one whose image can no longer be followed
 * (unenrolled, or without a source location or workflow), and one whose run
 * has not appeared within `runTimeoutMs` of the request, ends `failed` with
 * the reason. One rebuild that cannot be followed is logged and does not stop
 * the others.
 */
export async function followRebuilds(options: {
  store: ImageFactoryStore;
  trigger: RebuildTrigger;
  notifier: RebuildNotifier;
  logger: LoggerService;
  sources: ReadonlyMap<string, RebuildSource>;
  now: Date;
  runTimeoutMs: number;
  /** Reads the pushed image of a successful rebuild; absent: not verified. */
  registry?: ImageReader;
}): Promise<void> {
  const { store, trigger, notifier, logger, sources, now } = options;
  const fail = async (rebuild: RebuildRecord, reason: string) => {
    logger.warn(`Rebuild ${rebuild.id} of ${rebuild.entityRef}: ${reason}`);
    const updated = await store.updateRebuild(rebuild.id, {
      status: 'failed',
      error: reason,
      finishedAt: now.toISOString(),
    });
    const source = sources.get(rebuild.entityRef);
    await notifier.notify(
      'failed',
      {
        entityRef: rebuild.entityRef,
        owner: source?.owner ?? null,
        image: source?.image ?? rebuild.entityRef,
      },
      toApiRebuild(updated),
    );
  };
  const timedOut = (rebuild: RebuildRecord) =>
    !rebuild.runId &&
    now.getTime() - Date.parse(rebuild.requestedAt) >= options.runTimeoutMs;
  const noRunReason = (rebuild: RebuildRecord) => {
    const reported = rebuild.error
      ? ` (the trigger reported: ${rebuild.error})`
      : '';
    const hint =
      rebuild.provider === 'gitlab'
        ? ''
        : `. A GitHub run shows the id only through the workflow's run-name, which must contain \${{ inputs.${GITHUB_INPUT_NAMES.rebuildId} }}`;
    return `No run carrying rebuild id ${
      rebuild.id
    } appeared within ${formatDuration(
      options.runTimeoutMs,
    )} of the request${reported}${hint}`;
  };

  for (const rebuild of await store.listRebuilds({ active: true })) {
    const enrollment = sources.get(rebuild.entityRef);
    if (!enrollment?.sourceLocation || !enrollment.workflow) {
      await fail(
        rebuild,
        `The rebuild can no longer be followed: ${whyUnfollowable(
          rebuild.entityRef,
          enrollment,
        )}`,
      );
      continue;
    }
    try {
      const progress = await trigger.follow({
        ...providerOf(rebuild),
        sourceLocation: enrollment.sourceLocation,
        runId: rebuild.runId,
        workflow: enrollment.workflow,
        rebuildId: rebuild.id,
        // As the trigger answered; a rebuild whose answer was lost has
        // neither, and is looked for since it was requested, on the ref the
        // trigger works out again.
        dispatchedAt: rebuild.dispatchedAt ?? rebuild.requestedAt,
        ...(rebuild.ref ? { ref: rebuild.ref } : {}),
      });
      if (!progress.runId && !rebuild.runId) {
        // No run carries this rebuild's id yet: it keeps its status.
        if (timedOut(rebuild)) await fail(rebuild, noRunReason(rebuild));
        continue;
      }
      const succeeded =
        progress.status === 'completed' && progress.conclusion === 'success';
      const verification =
        succeeded && options.registry && enrollment.image
          ? await verifyRebuild({
              registry: options.registry,
              rebuild,
              image: enrollment.image,
              tag: enrollment.imageTag,
              platforms: enrollment.platforms,
              builtDigests: await builtDigestsOf(store, rebuild.entityRef),
              now,
            })
          : undefined;
      const updated = await store.updateRebuild(rebuild.id, {
        ...(verification && { verification }),
        status: toRebuildStatus(progress.status),
        ...(progress.runId ? { runId: progress.runId } : {}),
        ...(progress.runUrl ? { runUrl: progress.runUrl } : {}),
        ...(progress.conclusion ? { conclusion: progress.conclusion } : {}),
        // The run is known: what the lost answer said no longer matters.
        ...(rebuild.error ? { error: null } : {}),
        ...(progress.status === 'completed'
          ? { finishedAt: now.toISOString() }
          : {}),
      });
      if (verification) {
        logger.info(
          `Rebuild ${rebuild.id} of ${rebuild.entityRef}: ${verification.outcome}. ${verification.detail}`,
        );
      }
      if (
        (progress.status === 'completed' && !succeeded) ||
        verification?.outcome === 'mismatch'
      ) {
        await notifier.notify(
          succeeded ? 'mismatch' : 'failed',
          {
            entityRef: rebuild.entityRef,
            owner: enrollment.owner,
            image: enrollment.image ?? rebuild.entityRef,
          },
          toApiRebuild(updated),
        );
      }
    } catch (error) {
      const message = (error as Error).message;
      logger.warn(
        `Could not follow rebuild ${rebuild.id} of ${rebuild.entityRef}: ${message}`,
      );
      // While the provider may just be down, the run may exist: keep looking.
      // A definite failure (a refusal, no integration) ends it once timed out.
      const transient = error instanceof TriggerError && error.outcomeUnknown;
      if (!transient && timedOut(rebuild)) {
        await fail(
          rebuild,
          `${noRunReason(rebuild)}. Looking for it failed: ${message}`,
        );
      }
    }
  }
}

// What the image was built on before this rebuild, from its last status.
async function builtDigestsOf(
  store: ImageFactoryStore,
  entityRef: string,
): Promise<Map<string, string | null>> {
  const status = (await store.getImageStatus(entityRef))?.status as
    | Partial<ImageStatus>
    | undefined;
  return new Map(
    (status?.baseImages ?? []).map(base => [base.ref, base.builtDigest]),
  );
}

function whyUnfollowable(
  entityRef: string,
  enrollment: RebuildSource | undefined,
): string {
  if (!enrollment) {
    return `${entityRef} is no longer enrolled in the Image Factory`;
  }
  return enrollment.sourceLocation
    ? `${entityRef} no longer names a workflow (${IMAGE_FACTORY_ANNOTATIONS.workflow})`
    : `${entityRef} no longer has a source location (${IMAGE_FACTORY_ANNOTATIONS.sourceLocation})`;
}

// `pending`: the trigger never said (the process stopped mid-way); the source
// location's host decides.
function providerOf(rebuild: RebuildRecord): {
  provider?: RebuildProvider;
} {
  return rebuild.provider === 'pending' ? {} : { provider: rebuild.provider };
}
