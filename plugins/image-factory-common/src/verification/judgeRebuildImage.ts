import type {
  BaseImageVerification,
  RebuildVerification,
} from '../schema/openapi';
import { shortDigest } from '../references';
import { repositoryOf } from '../status/repositoryOf';
import { repositoryOfMaterial } from './repositoryOfMaterial';
import type { BaseImageFacts, BuiltPlatformFacts, DigestFacts } from './types';

type Method = NonNullable<BaseImageVerification['method']>;
type Verdict = Pick<BaseImageVerification, 'outcome' | 'digest'>;

/**
 * Decides from what the registry says of a rebuild's image whether each of
 * its base images is on the digest the rebuild asked for. The methods are
 * tried in this order, and the first that can tell decides:
 *
 * 1. the `org.opencontainers.image.base.*` annotations or labels, which
 *    name the final stage's base image;
 * 2. provenance materials, which name every image the build pulled;
 * 3. layers: the asked digest's layers are the first layers of the image
 *    (any builder, for the final stage's base image); the previous digest's
 *    layers there instead is a mismatch.
 *
 * A digest matches when it is the asked one or one of its platform
 * manifests, as builders record either. The rebuild is `mismatch` when any
 * base image is, `verified` when all are, otherwise `unverifiable`.
 *
 * @public
 */
export function judgeRebuildImage(input: {
  /** `repository:tag@digest` of the image read. */
  image: string;
  platforms: readonly BuiltPlatformFacts[];
  bases: readonly BaseImageFacts[];
  checkedAt: string;
}): RebuildVerification {
  const baseImages = input.bases.map(base =>
    judgeBaseImage(base, input.platforms),
  );
  let outcome: RebuildVerification['outcome'] = 'unverifiable';
  if (baseImages.some(b => b.outcome === 'mismatch')) outcome = 'mismatch';
  else if (baseImages.every(b => b.outcome === 'verified'))
    outcome = 'verified';
  return {
    outcome,
    checkedAt: input.checkedAt,
    image: input.image,
    detail: describe(input.image, outcome, baseImages, input.bases),
    baseImages,
  };
}

/**
 * The verification of a rebuild whose image could not be read or was not
 * pushed since the rebuild was sent: every base image is unverifiable.
 *
 * @public
 */
export function unverifiableRebuild(input: {
  bases: readonly Pick<BaseImageFacts, 'ref'>[];
  checkedAt: string;
  image: string | null;
  detail: string;
}): RebuildVerification {
  return {
    outcome: 'unverifiable',
    checkedAt: input.checkedAt,
    image: input.image,
    detail: input.detail,
    baseImages: input.bases.map(b => ({
      ref: b.ref,
      outcome: 'unverifiable',
      method: null,
      digest: null,
    })),
  };
}

function judgeBaseImage(
  base: BaseImageFacts,
  platforms: readonly BuiltPlatformFacts[],
): BaseImageVerification {
  const methods: Array<[Method, () => Verdict | undefined]> = [
    ['annotations', () => byAnnotations(base, platforms)],
    ['provenance', () => byProvenance(base, platforms)],
    ['layers', () => byLayers(base, platforms)],
  ];
  for (const [method, judge] of methods) {
    const verdict = judge();
    if (verdict) return { ref: base.ref, method, ...verdict };
  }
  return { ref: base.ref, outcome: 'unverifiable', method: null, digest: null };
}

// Several platforms may each say something: one on another digest is enough
// for a mismatch, as that platform's users run the old base.
function combine(verdicts: Array<Verdict | undefined>): Verdict | undefined {
  const said = verdicts.filter((v): v is Verdict => v !== undefined);
  return said.find(v => v.outcome === 'mismatch') ?? said[0];
}

function onDigest(asked: DigestFacts, digest: string): Verdict {
  return asked.digests.includes(digest)
    ? { outcome: 'verified', digest: asked.digest }
    : { outcome: 'mismatch', digest };
}

function byAnnotations(
  base: BaseImageFacts,
  platforms: readonly BuiltPlatformFacts[],
): Verdict | undefined {
  const repository = repositoryOf(base.ref);
  const known = [...base.asked.digests, ...(base.before?.digests ?? [])];
  return combine(
    platforms.map(p => {
      if (!p.baseDigest) return undefined;
      // Without a name the digest alone must say which base image it is.
      const names = p.baseName
        ? repositoryOf(p.baseName) === repository
        : known.includes(p.baseDigest);
      return names ? onDigest(base.asked, p.baseDigest) : undefined;
    }),
  );
}

function byProvenance(
  base: BaseImageFacts,
  platforms: readonly BuiltPlatformFacts[],
): Verdict | undefined {
  const repository = repositoryOf(base.ref);
  return combine(
    platforms.map(p => {
      const digests = p.materials
        .filter(m => repositoryOfMaterial(m.uri) === repository)
        .map(m => m.digest);
      if (digests.length === 0) return undefined;
      const asked = digests.find(d => base.asked.digests.includes(d));
      return asked
        ? { outcome: 'verified', digest: base.asked.digest }
        : { outcome: 'mismatch', digest: digests[0] };
    }),
  );
}

function byLayers(
  base: BaseImageFacts,
  platforms: readonly BuiltPlatformFacts[],
): Verdict | undefined {
  return combine(
    platforms.map(p => {
      if (startsWith(p.layers, base.asked.layers[p.platform])) {
        return { outcome: 'verified', digest: base.asked.digest };
      }
      if (base.before && startsWith(p.layers, base.before.layers[p.platform])) {
        return { outcome: 'mismatch', digest: base.before.digest };
      }
      // A squashed image, or a base image of another stage: nothing said.
      return undefined;
    }),
  );
}

function startsWith(layers: readonly string[], prefix?: readonly string[]) {
  return (
    prefix !== undefined &&
    prefix.length > 0 &&
    prefix.length <= layers.length &&
    prefix.every((layer, i) => layers[i] === layer)
  );
}

function describe(
  image: string,
  outcome: RebuildVerification['outcome'],
  verdicts: readonly BaseImageVerification[],
  bases: readonly BaseImageFacts[],
): string {
  if (outcome === 'mismatch') {
    return verdicts
      .filter(v => v.outcome === 'mismatch')
      .map(v => {
        const asked = bases.find(b => b.ref === v.ref)?.asked.digest;
        return `Rebuilt, but still on ${shortDigest(v.digest ?? '')} of ${
          v.ref
        } instead of ${shortDigest(asked ?? '')} (${v.method}).`;
      })
      .join(' ');
  }
  const decided = verdicts
    .filter(v => v.outcome === 'verified')
    .map(v => `${v.ref} (${v.method})`);
  if (outcome === 'verified') {
    return `${image} is built on the digests asked for: ${decided.join(', ')}.`;
  }
  const open = verdicts.filter(v => v.outcome === 'unverifiable');
  return `Nothing in ${image} says which digest of ${open
    .map(v => v.ref)
    .join(', ')} it is built on${
    decided.length ? ` (verified: ${decided.join(', ')})` : ''
  }. A build that sets the org.opencontainers.image.base.digest annotation, or attaches provenance, can be verified.`;
}
