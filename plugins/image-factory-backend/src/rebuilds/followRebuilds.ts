import { LoggerService } from '@backstage/backend-plugin-api';
import { ImageFactoryStore } from '../database';
import { RebuildTrigger } from '../triggers';
import { RebuildNotifier } from './RebuildNotifier';
import { toApiRebuild } from './toApiRebuild';

/** What following a rebuild needs to know of its image, from its enrollment. */
export interface RebuildSource {
  sourceLocation: string | null;
  workflow: string | null;
  owner: string | null;
  image: string | null;
}

/**
 * Asks the CI provider how each running rebuild is doing and records it; a run
 * that ends without success is reported to the image's owner. One rebuild that
 * cannot be followed is logged and does not stop the others.
 */
export async function followRebuilds(options: {
  store: ImageFactoryStore;
  trigger: RebuildTrigger;
  notifier: RebuildNotifier;
  logger: LoggerService;
  sources: ReadonlyMap<string, RebuildSource>;
  now: Date;
}): Promise<void> {
  const { store, trigger, notifier, logger, sources, now } = options;
  for (const rebuild of await store.listRebuilds({ active: true })) {
    const enrollment = sources.get(rebuild.entityRef);
    if (!enrollment?.sourceLocation || !enrollment.workflow) continue;
    try {
      const progress = await trigger.follow({
        provider: rebuild.provider === 'gitlab' ? 'gitlab' : 'github',
        sourceLocation: enrollment.sourceLocation,
        runId: rebuild.runId,
        workflow: enrollment.workflow,
        dispatchedAt: rebuild.requestedAt,
        branch: branchOf(enrollment.sourceLocation),
      });
      const updated = await store.updateRebuild(rebuild.id, {
        status: progress.status,
        ...(progress.runId ? { runId: progress.runId } : {}),
        ...(progress.runUrl ? { runUrl: progress.runUrl } : {}),
        ...(progress.conclusion ? { conclusion: progress.conclusion } : {}),
        ...(progress.status === 'completed'
          ? { finishedAt: now.toISOString() }
          : {}),
      });
      if (
        progress.status === 'completed' &&
        progress.conclusion !== 'success'
      ) {
        await notifier.notify(
          'failed',
          {
            entityRef: rebuild.entityRef,
            owner: enrollment.owner,
            image: enrollment.image ?? rebuild.entityRef,
          },
          toApiRebuild(updated),
        );
      }
    } catch (error) {
      logger.warn(
        `Could not follow rebuild ${rebuild.id} of ${rebuild.entityRef}: ${
          (error as Error).message
        }`,
      );
    }
  }
}

// `…/tree/<branch>/…` (GitHub) or `…/-/tree/<branch>/…` (GitLab); '' lets the
// provider fall back to the default branch.
function branchOf(sourceLocation: string): string {
  return /\/(?:-\/)?(?:tree|blob)\/([^/]+)/.exec(sourceLocation)?.[1] ?? '';
}
