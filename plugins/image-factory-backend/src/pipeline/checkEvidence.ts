import {
  evidenceKey,
  holdEvidence,
  listTrackedImages,
  parseImageReference,
  RecordedEvidence,
  StateTree,
  VulnerabilitySummary,
} from '@image-factory/backstage-plugin-image-factory-common';
import { ImageFactoryStore } from '../database';
import { freightKey } from '../discovery';
import { mapWithConcurrency } from '../discovery/mapWithConcurrency';
import { EvidenceChecker } from '../supplyChain/EvidenceChecker';
import type { Scan } from '../supplyChain/TrivyOperatorReports';

// The newest digests of a tag whose evidence is checked in one run: the ones
// that may become eligible soon. Older ones keep their last check.
const DIGESTS_PER_TAG = 3;
// Digests checked at once: each is a few small requests.
const CHECKS_IN_FLIGHT = 4;
// A reported scan is read again once it is this old, for a newer one.
const RESCAN_AFTER_MS = 86_400_000;

interface Wanted {
  registry: string;
  repository: string;
  tag: string;
  ref: string;
  digests: string[];
}

interface Pending extends Wanted {
  digest: string;
  /** Whether its signature is checked: it is not verified yet. */
  signature: boolean;
  /** Whether its vulnerabilities are read. */
  vulnerabilities: boolean;
}

/**
 * Checks the supply-chain evidence of the newest digests of every tag whose
 * evidence is read (a signing key is configured for it, or a cluster's Trivy
 * Operator) and that was asked of its registry this run: the cosign
 * signature where a key is configured, unless it is already verified (an
 * unsigned digest may be signed a little after it is pushed), and the
 * vulnerabilities (attestations, the cluster's reports), unless a scan less
 * than a day old was read. Results go to the database first, then every
 * digest update of the state is held to the database's records
 * (`holdEvidence`); without any key or cluster configured, evidence is
 * removed from the state.
 *
 * @param asked - `registry/repository:tag` of the tags discovery answered this run.
 * @returns the state, and per monitored reference the check that failed (the
 *   next run asks again).
 */
export async function checkEvidence(options: {
  state: StateTree;
  store: ImageFactoryStore;
  checker: EvidenceChecker;
  asked: ReadonlySet<string>;
  now: Date;
}): Promise<{ state: StateTree; errors: Map<string, string> }> {
  const { state, store, checker, now } = options;
  const errors = new Map<string, string>();
  if (!checker.configured) {
    return { state: holdEvidence(state, []), errors };
  }
  const wanted = checkedTags(state, checker);
  const recorded: RecordedEvidence[] = await store.listFreightOfTags(wanted);
  const known = new Map(recorded.map(record => [evidenceKey(record), record]));
  const pending = new Map<string, Pending>();
  for (const tag of wanted) {
    if (!options.asked.has(freightKey(tag))) continue;
    for (const digest of tag.digests) {
      const key = evidenceKey({ ...tag, digest });
      const record = known.get(key);
      const signature =
        checker.modeOf(`${tag.registry}/${tag.repository}`) !== undefined &&
        record?.signature?.state !== 'verified';
      const vulnerabilities = mayBeRescanned(record?.vulnerabilities, now);
      if (signature || vulnerabilities) {
        pending.set(key, { ...tag, digest, signature, vulnerabilities });
      }
    }
  }
  // The cluster's reports are listed once a run, for every digest whose
  // vulnerabilities are read; when they cannot be, those keep their last
  // summary, and their base images say why.
  let clusterScans = new Map<string, Scan>();
  const scanned = [...pending].filter(([, p]) => p.vulnerabilities);
  try {
    clusterScans = await checker.clusterScans(
      new Set(scanned.map(([key]) => key)),
    );
  } catch (error) {
    for (const [, target] of scanned) {
      target.vulnerabilities = false;
      errors.set(
        target.ref,
        `The vulnerabilities of ${target.digest} could not be checked: ${
          (error as Error).message
        }`,
      );
    }
  }
  const checked = await mapWithConcurrency(
    [...pending.values()],
    CHECKS_IN_FLIGHT,
    async target => {
      const found: RecordedEvidence = {
        registry: target.registry,
        repository: target.repository,
        digest: target.digest,
      };
      try {
        if (target.signature) {
          found.signature = await checker.checkSignature(target);
        }
        if (target.vulnerabilities) {
          found.vulnerabilities = await checker.checkVulnerabilities(
            target,
            now,
            clusterScans.get(evidenceKey(target)),
          );
        }
      } catch (error) {
        errors.set(
          target.ref,
          `The evidence of ${target.digest} could not be checked: ${
            (error as Error).message
          }`,
        );
      }
      return found;
    },
  );
  const results = checked.filter(r => r.signature || r.vulnerabilities);
  await store.recordEvidence(results);
  for (const result of results) {
    const key = evidenceKey(result);
    known.set(key, { ...known.get(key), ...result });
  }
  return { state: holdEvidence(state, [...known.values()]), errors };
}

// A reported scan is read again once it is a day old, for a newer one; any
// other outcome at every check.
function mayBeRescanned(
  summary: VulnerabilitySummary | undefined,
  now: Date,
): boolean {
  return (
    summary?.state !== 'reported' ||
    !summary.scannedAt ||
    now.getTime() - Date.parse(summary.scannedAt) > RESCAN_AFTER_MS
  );
}

// The tags of the state whose evidence is read, with their newest digests,
// newest first.
function checkedTags(state: StateTree, checker: EvidenceChecker): Wanted[] {
  const tags = new Map<string, Wanted>();
  for (const { tracked } of listTrackedImages(state)) {
    if (tracked.tag === null) continue;
    let ref;
    try {
      ref = parseImageReference(tracked.ref);
    } catch {
      continue;
    }
    if (ref.tag === null) continue;
    if (!checker.checks(`${ref.registry}/${ref.repository}`)) continue;
    const tag: Wanted = {
      registry: ref.registry,
      repository: ref.repository,
      tag: ref.tag,
      ref: tracked.ref,
      digests: [
        ...new Set(tracked.updates.map(update => update.digest).reverse()),
      ].slice(0, DIGESTS_PER_TAG),
    };
    tags.set(freightKey(tag), tag);
  }
  return [...tags.values()];
}
