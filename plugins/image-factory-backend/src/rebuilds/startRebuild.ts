import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  ImageStatus,
  RebuildTriggerKind,
  selectRebuildDigests,
} from '@image-factory/backstage-plugin-image-factory-common';
import { createHash } from 'node:crypto';
import { ImageFactoryStore, RebuildRecord } from '../database';
import { RebuildTrigger, TriggerError } from '../triggers';
import { ManifestChecker, pinServedDigests } from './pinServedDigests';
import { toRebuildStatus } from './toRebuildStatus';

/** Who, why and on what a rebuild is asked for. */
export interface RebuildAsk {
  status: ImageStatus;
  trigger: RebuildTriggerKind;
  requestedBy: string;
  justification?: string;
  bypassDelay: boolean;
  /** Stale active rebuilds this emergency rebuild ends. */
  supersedes?: RebuildRecord[];
}

/**
 * The one way a rebuild starts, automatic, manual or emergency: recorded under
 * a unique key before it is triggered, so two backend replicas can never both
 * trigger the same rebuild, then sent to the CI system, and the answer stored:
 * the run it started (with the ref and time to follow it by), an outcome
 * unknown (`dispatched`: looked for by the rebuild's id, never sent again), or
 * a refusal (`failed`).
 *
 * @throws ConflictError when the same rebuild was already requested.
 */
export async function startRebuild(
  deps: {
    store: ImageFactoryStore;
    trigger: RebuildTrigger;
    logger: LoggerService;
    /** Absent: the digests are sent unchecked. */
    registry?: ManifestChecker;
  },
  ask: RebuildAsk,
): Promise<RebuildRecord> {
  const { status } = ask;
  const selected = selectRebuildDigests(status.baseImages, {
    bypassDelay: ask.bypassDelay,
  });
  // Before the key is made: a digest deleted upstream is replaced the same
  // way by every replica and every run, so the rebuild is still sent once.
  const { digests, notes } = deps.registry
    ? await pinServedDigests(deps.registry, status, selected, deps.logger)
    : { digests: selected, notes: [] };
  for (const note of notes) {
    deps.logger.info(`Rebuild of ${status.entityRef}: ${note}`);
  }
  const baseDigests = Object.fromEntries(digests.map(d => [d.ref, d.digest]));
  const previous = await deps.store.listRebuilds({
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
  const created = await deps.store.createRebuild({
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
    await deps.store.updateRebuild(old.id, {
      status: 'failed',
      error: `superseded by emergency rebuild ${rebuild.id} requested by ${ask.requestedBy}`,
      finishedAt: new Date().toISOString(),
    });
  }
  try {
    const result = await deps.trigger.trigger({
      entityRef: status.entityRef,
      sourceLocation: status.enrollment.sourceLocation ?? '',
      workflow: status.enrollment.workflow ?? '',
      baseImages: digests,
      reason: [reasonOf(ask, digests.length), ...notes].join('; '),
      trigger: ask.trigger,
      requestedBy: ask.requestedBy,
      rebuildId: rebuild.id,
    });
    return await deps.store.updateRebuild(rebuild.id, {
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
      deps.logger.warn(
        `Rebuild ${rebuild.id} of ${status.entityRef} was sent, and what became of it is unknown: ${message}`,
      );
      return await deps.store.updateRebuild(rebuild.id, {
        provider: error.provider,
        status: 'dispatched',
        error: message,
      });
    }
    deps.logger.warn(
      `Rebuild of ${status.entityRef} failed to start: ${message}`,
    );
    return await deps.store.updateRebuild(rebuild.id, {
      status: 'failed',
      error: message,
      finishedAt: new Date().toISOString(),
    });
  }
}

function reasonOf(ask: RebuildAsk, count: number): string {
  if (ask.trigger === 'emergency') {
    return `Emergency rebuild by ${ask.requestedBy}: ${ask.justification}`;
  }
  if (ask.trigger === 'evidence') {
    return `Rebuild before the delay on evidence: ${ask.justification}`;
  }
  const what = `${count} base image${count === 1 ? '' : 's'}`;
  return ask.trigger === 'auto'
    ? `New digests of ${what} passed the rebuild delay`
    : `Rebuild requested by ${ask.requestedBy} on ${what}`;
}
