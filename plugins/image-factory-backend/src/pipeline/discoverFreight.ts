import {
  listTrackedImages,
  parseImageReference,
  DigestObservation,
  recordDigests,
  StateTree,
} from '@image-factory/backstage-plugin-image-factory-common';
import { ImageFactoryStore, RegistryCheckRecord } from '../database';
import { limitNewTags } from './limitNewTags';
import { holdsFrom, splitHeldTargets } from './registryHolds';
import {
  DiscoveredFreight,
  FreightSource,
  freightKey,
  MonitoredImage,
  planDiscovery,
} from '../discovery';

/** What the discovery step learned. */
export interface DiscoveryStepResult {
  state: StateTree;
  /** Distinct repository+tag pairs asked this run. */
  checked: number;
  /** Digests not seen before for their tag. */
  newFreight: DiscoveredFreight[];
  /** Check records to persist once the state is safely committed. */
  checks: RegistryCheckRecord[];
  /** The newest error per monitored reference, this run's or an earlier one's. */
  errors: Map<string, string>;
  /** Tags never asked before that wait for a later run (`maxNewTags`). */
  waitingNewTags: number;
}

/**
 * Resolves the digest behind every monitored tag that is due (one request per
 * distinct repository+tag, however many images use it, and no more often than its
 * registry's minimum interval) and records new digests in the state tree.
 */
export async function discoverFreight(options: {
  state: StateTree;
  store: ImageFactoryStore;
  source: FreightSource;
  minIntervalFor: (registry: string) => number;
  /** `imageFactory.safety.maxNewTagsPerRun`. */
  maxNewTags: number;
  now: Date;
}): Promise<DiscoveryStepResult> {
  const { store, source, now } = options;
  const monitored = listTracked(options.state);
  const keyOfRef = new Map<string, string>();
  const images: MonitoredImage[] = [];
  const previous = new Map<string, DiscoveredFreight>();
  for (const { tracked, dependents, platforms } of monitored) {
    const ref = parseImageReference(tracked.ref);
    images.push({ ref, dependents, platforms });
    if (ref.tag === null) continue;
    const key = freightKey({
      registry: ref.registry,
      repository: ref.repository,
      tag: ref.tag,
    });
    keyOfRef.set(tracked.ref, key);
    const last = tracked.updates[tracked.updates.length - 1];
    if (tracked.currentDigest && last) {
      previous.set(key, {
        registry: ref.registry,
        repository: ref.repository,
        tag: ref.tag,
        digest: tracked.currentDigest,
        ...(last.platformDigests
          ? { platformDigests: last.platformDigests }
          : {}),
        firstSeen: new Date(last.firstSeen),
        source: source.type,
      });
    }
  }

  const lastChecks = await store.getRegistryChecks();
  const plan = planDiscovery({
    images,
    lastChecked: new Map(
      lastChecks.map(c => [
        c.target,
        effectiveCheckTime(c, options.minIntervalFor),
      ]),
    ),
    minIntervalFor: options.minIntervalFor,
    now,
  });
  // A registry that answered 429 is not asked before its Retry-After, however
  // long, by any replica and across restarts.
  const limited = limitNewTags(
    plan.due,
    new Set(lastChecks.map(c => c.target)),
    options.maxNewTags,
  );
  const { asked, held } = splitHeldTargets(
    limited.due,
    await store.getRegistryHolds(now),
  );
  const results = [
    ...held,
    ...(await source.discover(asked, { now, previous })),
  ];
  await store.putRegistryHolds(holdsFrom(results));

  const refsOfKey = new Map<string, string[]>();
  for (const [ref, key] of keyOfRef) {
    refsOfKey.set(key, [...(refsOfKey.get(key) ?? []), ref]);
  }
  const observations = new Map<string, DigestObservation>();
  const checks: RegistryCheckRecord[] = [];
  const newFreight: DiscoveredFreight[] = [];
  const checkedAt = now.toISOString();
  for (const result of results) {
    const key = freightKey(result.target);
    if (!result.ok) {
      checks.push({ target: key, checkedAt, error: result.error.message });
      continue;
    }
    const { freight } = result;
    checks.push({
      target: key,
      checkedAt,
      digest: freight.digest,
      ...(freight.platformDigests
        ? { platformDigests: freight.platformDigests }
        : {}),
    });
    if (result.changed) newFreight.push(freight);
    for (const ref of refsOfKey.get(key) ?? []) {
      observations.set(ref, {
        digest: freight.digest,
        ...(freight.platformDigests
          ? { platformDigests: freight.platformDigests }
          : {}),
        seenAt: freight.firstSeen.toISOString(),
      });
    }
  }
  const state = recordDigests(options.state, observations);

  const latestCheck = new Map(lastChecks.map(c => [c.target, c]));
  checks.forEach(c => latestCheck.set(c.target, c));
  const errors = new Map<string, string>();
  for (const [ref, key] of keyOfRef) {
    const error = latestCheck.get(key)?.error;
    if (error) errors.set(ref, error);
  }
  for (const { tracked } of monitored) {
    if (!keyOfRef.has(tracked.ref)) {
      errors.set(
        tracked.ref,
        'Not monitored: pinned by digest without a tag, so there is no tag to watch',
      );
    }
  }
  return {
    state,
    checked: limited.due.length,
    newFreight,
    checks,
    errors,
    waitingNewTags: limited.waiting,
  };
}

/** A failed check is retried after at most an hour, not a registry's full interval. */
const FAILED_CHECK_RETRY_MS = 3_600_000;

// planDiscovery waits a registry's interval after the last check; for a failed
// check the wait is shortened by moving the check time back.
function effectiveCheckTime(
  check: RegistryCheckRecord,
  minIntervalFor: (registry: string) => number,
): Date {
  const checkedAt = Date.parse(check.checkedAt);
  if (!check.error) {
    return new Date(checkedAt);
  }
  const interval = minIntervalFor(check.target.split('/')[0]);
  return new Date(checkedAt - Math.max(0, interval - FAILED_CHECK_RETRY_MS));
}

// Every monitored reference with the images that depend on it and the
// platforms they build (image-factory.io/platforms, else the default), whose
// manifest digests discovery records so eligibility can compare them.
// Each tracked reference with the platforms its dependents build, so an
// index's platform digests are recorded for every image that uses it.
function listTracked(state: StateTree) {
  const platformsOf = new Map(
    state.images.map(image => [image.entityRef, image.policy.platforms]),
  );
  return listTrackedImages(state).map(place => ({
    ...place,
    platforms: [
      ...new Set(place.dependents.flatMap(ref => platformsOf.get(ref) ?? [])),
    ],
  }));
}
