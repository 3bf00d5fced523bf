import {
  holdSignatures,
  listTrackedImages,
  parseImageReference,
  RecordedSignature,
  SignatureCheck,
  StateTree,
} from '@image-factory/backstage-plugin-image-factory-common';
import { ImageFactoryStore } from '../database';
import { freightKey } from '../discovery';
import { mapWithConcurrency } from '../discovery/mapWithConcurrency';
import { SignatureChecker } from '../supplyChain/SignatureChecker';

// The newest digests of a tag whose signatures are checked in one run: the
// ones that may become eligible soon. Older ones keep their last check.
const DIGESTS_PER_TAG = 3;
// Signature checks in flight at once: each is two or three small requests.
const CHECKS_IN_FLIGHT = 4;

interface Wanted {
  registry: string;
  repository: string;
  tag: string;
  ref: string;
  digests: string[];
}

const digestKey = (r: {
  registry: string;
  repository: string;
  digest: string;
}) => `${r.registry}/${r.repository}@${r.digest}`;

/**
 * Checks the cosign signatures of the newest digests of every tag that has a
 * signing key configured and was asked of its registry this run, unless the
 * digest's signature is already verified (an unsigned digest may be signed a
 * little after it is pushed, so it is asked again). Results go to the database
 * first, then every digest update of the state is held to the database's
 * records (`holdSignatures`); without any key configured, signatures are
 * removed from the state.
 *
 * @param asked - `registry/repository:tag` of the tags discovery answered this run.
 * @returns the state, and per monitored reference the check that failed (the
 *   next run asks again).
 */
export async function checkSignatures(options: {
  state: StateTree;
  store: ImageFactoryStore;
  checker: SignatureChecker;
  asked: ReadonlySet<string>;
}): Promise<{ state: StateTree; errors: Map<string, string> }> {
  const { state, store, checker } = options;
  const errors = new Map<string, string>();
  if (!checker.configured) {
    return { state: holdSignatures(state, []), errors };
  }
  const wanted = signedTags(state, checker);
  const recorded: RecordedSignature[] = await store.listFreightOfTags(wanted);
  const verified = new Set(
    recorded
      .filter(record => record.signature?.state === 'verified')
      .map(digestKey),
  );
  const pending = new Map<string, Wanted & { digest: string }>();
  for (const tag of wanted) {
    if (!options.asked.has(freightKey(tag))) continue;
    for (const digest of tag.digests) {
      const key = digestKey({ ...tag, digest });
      if (!verified.has(key)) pending.set(key, { ...tag, digest });
    }
  }
  const checked = await mapWithConcurrency(
    [...pending.values()],
    CHECKS_IN_FLIGHT,
    async target => {
      try {
        return { ...target, signature: await checker.check(target) };
      } catch (error) {
        errors.set(
          target.ref,
          `The signature of ${target.digest} could not be checked: ${
            (error as Error).message
          }`,
        );
        return undefined;
      }
    },
  );
  const results = checked.filter(
    (r): r is Wanted & { digest: string; signature: SignatureCheck } =>
      r !== undefined,
  );
  await store.recordSignatures(results);
  return {
    state: holdSignatures(state, [...recorded, ...results]),
    errors,
  };
}

// The tags of the state that a key is configured for, with their newest
// digests, newest first.
function signedTags(state: StateTree, checker: SignatureChecker): Wanted[] {
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
    if (checker.modeOf(`${ref.registry}/${ref.repository}`) === undefined) {
      continue;
    }
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
