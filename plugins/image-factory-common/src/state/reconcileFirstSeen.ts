import type { FreightRecord } from '../freight';
import { parseImageReference } from '../references';
import { listTrackedImages, TrackedPlace } from './listTrackedImages';
import { mapTracked } from './mapTracked';
import type { DigestUpdate, StateTree, TrackedImage } from './types';

/**
 * A monitored tag: what the backend's freight records are kept by.
 *
 * @public
 */
export interface TrackedTag {
  registry: string;
  repository: string;
  tag: string;
}

/**
 * When the backend first saw a digest behind a tag, as its own database
 * recorded it: the part of a {@link FreightRecord} reconciling reads.
 *
 * @public
 */
export type RecordedDigest = Pick<
  FreightRecord,
  'registry' | 'repository' | 'tag' | 'digest' | 'firstSeen'
>;

/**
 * A digest of the state to record in the database, with the time to record.
 *
 * @public
 */
export interface UnrecordedDigest extends RecordedDigest {
  platformDigests?: Record<string, string>;
}

/**
 * A `firstSeen` of a state file that was not honoured.
 *
 * @public
 */
export interface FirstSeenReport {
  /** The state file, e.g. `state/base-images/node-22.yaml`. */
  path: string;
  /** The monitored reference. */
  ref: string;
  digest: string;
  /** As the state file has it. */
  stated: string;
  /** What is used instead, and written back. */
  used: string;
  /**
   * `earlier`: earlier than the database's record, so edited by hand.
   * `unrecorded`: a digest the database has no record of although it has
   * records of the tag, so added by hand (or by a run cut short).
   */
  reason: 'earlier' | 'unrecorded';
  /** `<path>: …`, naming the image, the digest and both times. */
  message: string;
}

/**
 * Result of {@link reconcileFirstSeen}.
 *
 * @public
 */
export interface ReconcileFirstSeenResult {
  /** The same object when nothing changed. */
  state: StateTree;
  reports: FirstSeenReport[];
  /** Digests to record in the database, so that from now on it holds them. */
  unrecorded: UnrecordedDigest[];
}

// Where each active tracked reference with a tag is, and in which state file.
function places(state: StateTree): TrackedPlace[] {
  return listTrackedImages(state).filter(p => p.tracked.tag !== null);
}

function tagOf(tracked: TrackedImage): TrackedTag | undefined {
  try {
    const ref = parseImageReference(tracked.ref);
    return ref.tag === null
      ? undefined
      : { registry: ref.registry, repository: ref.repository, tag: ref.tag };
  } catch {
    return undefined;
  }
}

const tagKey = (t: TrackedTag) => `${t.registry}/${t.repository}:${t.tag}`;

/**
 * The tags of every active tracked reference (base images, published tags,
 * external images) whose records {@link reconcileFirstSeen} needs. Sorted.
 *
 * @public
 */
export function listTrackedTags(state: StateTree): TrackedTag[] {
  const tags = new Map<string, TrackedTag>();
  for (const { tracked } of places(state)) {
    const tag = tagOf(tracked);
    if (tag) tags.set(tagKey(tag), tag);
  }
  return [...tags.keys()].sort().map(key => tags.get(key)!);
}

/**
 * Holds the `firstSeen` of every digest update in the state to the time the
 * backend's own database first recorded the digest, so that no push to the
 * state repository can make a digest older than it is and skip the rebuild
 * delay. Per update, the first one of each digest of a tracked reference:
 *
 * - recorded in the database: the database's time is used. A state time
 *   earlier than it was edited by hand and is reported; a later one (a state
 *   file re-created) is moved back silently: `firstSeen` never moves later.
 * - not recorded, and the database has no record of the tag at all (a fresh
 *   database): the state's time is adopted, and returned in `unrecorded` so
 *   the database holds it from now on.
 * - not recorded although the database has records of the tag: the digest was
 *   added to the state by someone else, and its time cannot be trusted. The
 *   delay counts from `now`, which is reported and returned in `unrecorded`.
 *
 * Equal instants keep the state's spelling, so a state that agrees with the
 * database is returned as it is. A later update of a digest seen before (a tag
 * moved back) keeps its own time: the database records a digest once.
 *
 * @param recorded - the database's records of (at least) the tags of {@link listTrackedTags}.
 * @param now - ISO 8601 time of the run.
 * @public
 */
export function reconcileFirstSeen(input: {
  state: StateTree;
  recorded: readonly RecordedDigest[];
  now: string;
}): ReconcileFirstSeenResult {
  const byTag = new Map<string, Map<string, string>>();
  for (const record of input.recorded) {
    const digests = byTag.get(tagKey(record)) ?? new Map<string, string>();
    const known = digests.get(record.digest);
    if (
      known === undefined ||
      Date.parse(record.firstSeen) < Date.parse(known)
    ) {
      digests.set(record.digest, record.firstSeen);
    }
    byTag.set(tagKey(record), digests);
  }
  const reports: FirstSeenReport[] = [];
  const unrecorded = new Map<string, UnrecordedDigest>();

  const reconcile = (tracked: TrackedImage, path: string): TrackedImage => {
    const tag = tagOf(tracked);
    if (!tag) return tracked;
    const digests = byTag.get(tagKey(tag)) ?? new Map<string, string>();
    const seen = new Set<string>();
    let changed = false;
    const updates = tracked.updates.map((update): DigestUpdate => {
      if (seen.has(update.digest)) return update;
      seen.add(update.digest);
      const stated = Date.parse(update.firstSeen);
      const dbTime = digests.get(update.digest);
      let used = update.firstSeen;
      if (dbTime !== undefined) {
        if (Date.parse(dbTime) !== stated) used = dbTime;
        if (Date.parse(dbTime) > stated) {
          reports.push(report(path, tracked.ref, update, dbTime, 'earlier'));
        }
      } else {
        if (digests.size > 0) {
          used = input.now;
          reports.push(report(path, tracked.ref, update, used, 'unrecorded'));
        }
        const key = `${tagKey(tag)}@${update.digest}`;
        if (!unrecorded.has(key)) {
          unrecorded.set(key, {
            ...tag,
            digest: update.digest,
            firstSeen: used,
            ...(update.platformDigests
              ? { platformDigests: update.platformDigests }
              : {}),
          });
        }
      }
      if (used === update.firstSeen) return update;
      changed = true;
      return { ...update, firstSeen: used };
    });
    if (!changed) return tracked;
    const last = updates[updates.length - 1];
    return {
      ...tracked,
      updates,
      // The time of the newest update, as recordDigest writes it.
      lastUpdated:
        last.firstSeen !== tracked.updates[updates.length - 1].firstSeen
          ? last.firstSeen
          : tracked.lastUpdated,
    };
  };

  const state = mapTracked(input.state, reconcile);
  return { state, reports, unrecorded: [...unrecorded.values()] };
}

function report(
  path: string,
  ref: string,
  update: DigestUpdate,
  used: string,
  reason: FirstSeenReport['reason'],
): FirstSeenReport {
  const what = `${ref} digest ${update.digest}`;
  const message =
    reason === 'earlier'
      ? `${path}: ${what} has firstSeen ${update.firstSeen}, earlier than the Image Factory first saw it (${used}): the state file was edited, so its time is not honoured; the rebuild delay counts from ${used}, which is written back`
      : `${path}: ${what} (firstSeen ${update.firstSeen}) is a digest the Image Factory has no record of, although it has records of that tag: the state file was edited (or a run was cut short), so its time is not honoured; the rebuild delay counts from ${used}, which is written back`;
  return {
    path,
    ref,
    digest: update.digest,
    stated: update.firstSeen,
    used,
    reason,
    message,
  };
}

/** Applies `f` to every active tracked reference; unchanged parts stay the same objects. */
