import type { SignatureCheck } from '../api';
import { mapTracked } from './mapTracked';
import type { DigestUpdate, StateTree, TrackedImage } from './types';
import { tryParseStateRef } from './imageKeys';

/**
 * A digest's signature as the backend's database recorded it.
 *
 * @public
 */
export interface RecordedSignature {
  registry: string;
  repository: string;
  digest: string;
  signature?: SignatureCheck;
}

const keyOf = (registry: string, repository: string, digest: string) =>
  `${registry}/${repository}@${digest}`;

function sameSignature(
  a: SignatureCheck | undefined,
  b: SignatureCheck | undefined,
): boolean {
  return a?.state === b?.state && a?.detail === b?.detail;
}

/**
 * Sets the `signature` of every digest update in the state to what the
 * backend's database recorded for the digest, and removes it where the
 * database has none: a state file is written by the Image Factory but can be
 * pushed to by people, and an edit must not make a digest look signed. A
 * signature belongs to the repository and digest, whatever the tag.
 *
 * @returns the same tree when the state already agrees.
 * @public
 */
export function holdSignatures(
  state: StateTree,
  recorded: readonly RecordedSignature[],
): StateTree {
  const signatures = new Map<string, SignatureCheck>();
  for (const record of recorded) {
    if (record.signature) {
      signatures.set(
        keyOf(record.registry, record.repository, record.digest),
        record.signature,
      );
    }
  }
  return mapTracked(state, (tracked: TrackedImage) => {
    const ref = tryParseStateRef(tracked.ref);
    let changed = false;
    const updates = tracked.updates.map((update): DigestUpdate => {
      const signature =
        ref &&
        signatures.get(keyOf(ref.registry, ref.repository, update.digest));
      if (sameSignature(update.signature, signature)) {
        return update;
      }
      changed = true;
      const { signature: _stated, ...rest } = update;
      return signature ? { ...rest, signature } : rest;
    });
    return changed ? { ...tracked, updates } : tracked;
  });
}
