import type { SignatureCheck, VulnerabilitySummary } from '../api';
import { mapTracked } from './mapTracked';
import type { DigestUpdate, StateTree, TrackedImage } from './types';
import { tryParseStateRef } from './imageKeys';

/**
 * What the backend's database recorded of a digest's supply-chain evidence:
 * its signature and its vulnerability summary.
 *
 * @public
 */
export interface RecordedEvidence {
  registry: string;
  repository: string;
  digest: string;
  signature?: SignatureCheck;
  vulnerabilities?: VulnerabilitySummary;
}

type Evidence = Pick<RecordedEvidence, 'signature' | 'vulnerabilities'>;

/**
 * `registry/repository@digest`: how the evidence of one digest is looked up,
 * whatever its tag, here and by the backend that records it.
 *
 * @public
 */
export function evidenceKey(of: {
  registry: string;
  repository: string;
  digest: string;
}): string {
  return `${of.registry}/${of.repository}@${of.digest}`;
}

// Records are JSON from the database and the state file alike.
function same(a: Evidence, b: Evidence | undefined): boolean {
  return (
    JSON.stringify([a.signature, a.vulnerabilities]) ===
    JSON.stringify([b?.signature, b?.vulnerabilities])
  );
}

/**
 * Sets the `signature` and `vulnerabilities` of every digest update in the
 * state to what the backend's database recorded for the digest, and removes
 * them where the database has none: a state file is written by the Image
 * Factory but can be pushed to by people, and an edit must not make a digest
 * look signed or free of vulnerabilities. Evidence belongs to the repository
 * and digest, whatever the tag.
 *
 * @returns the same tree when the state already agrees.
 * @public
 */
export function holdEvidence(
  state: StateTree,
  recorded: readonly RecordedEvidence[],
): StateTree {
  const evidence = new Map<string, Evidence>();
  for (const { signature, vulnerabilities, ...record } of recorded) {
    if (signature || vulnerabilities) {
      evidence.set(evidenceKey(record), {
        ...(signature && { signature }),
        ...(vulnerabilities && { vulnerabilities }),
      });
    }
  }
  return mapTracked(state, (tracked: TrackedImage) => {
    const ref = tryParseStateRef(tracked.ref);
    let changed = false;
    const updates = tracked.updates.map((update): DigestUpdate => {
      const held =
        ref && evidence.get(evidenceKey({ ...ref, digest: update.digest }));
      if (same(update, held)) {
        return update;
      }
      changed = true;
      const { signature: _s, vulnerabilities: _v, ...rest } = update;
      return { ...rest, ...held };
    });
    return changed ? { ...tracked, updates } : tracked;
  });
}
