import {
  parseImageReference,
  type SignatureCheck,
  type SignatureMode,
} from '@image-factory/backstage-plugin-image-factory-common';
import { RegistryClient } from '../discovery/RegistryClient';
import {
  SigningKey,
  SimpleSigningOutcome,
  verifySimpleSigning,
} from './verifySimpleSigning';

/** One entry of `imageFactory.supplyChain.signatures`, read. */
export interface SignaturePolicy {
  /** Repositories, normalized (`docker.io/library/node`), or prefixes ending in `/*`. */
  images: string[];
  key: SigningKey;
  mode: SignatureMode;
}

const SIMPLE_SIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json';
const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
// The artifact type of a signature stored as an OCI 1.1 referrer.
const SIGNATURE_ARTIFACT = 'application/vnd.dev.cosign.artifact.sig.v1+json';
// Signatures of one digest read at most: cosign appends one layer per `cosign
// sign`, so a handful is normal and more is noise.
const MAX_SIGNATURES = 16;

function matches(pattern: string, repository: string): boolean {
  return pattern.endsWith('/*')
    ? repository.startsWith(pattern.slice(0, -1))
    : repository === pattern;
}

interface SignatureLayer {
  digest: string;
  signature: string;
}

// The signature layers of a cosign signature manifest.
function layersOf(manifest: unknown): SignatureLayer[] {
  const layers = (manifest as { layers?: unknown }).layers;
  if (!Array.isArray(layers)) {
    return [];
  }
  return layers.flatMap(layer => {
    const { mediaType, digest, annotations } = (layer ?? {}) as {
      mediaType?: unknown;
      digest?: unknown;
      annotations?: Record<string, unknown>;
    };
    const signature = annotations?.[SIGNATURE_ANNOTATION];
    return mediaType === SIMPLE_SIGNING &&
      typeof digest === 'string' &&
      typeof signature === 'string'
      ? [{ digest, signature }]
      : [];
  });
}

/**
 * Checks the cosign signatures of image digests against the configured public
 * keys (`imageFactory.supplyChain.signatures`), reading them the way cosign
 * stores them: the manifest behind the tag `sha256-<hex>.sig` in the image's
 * repository, whose simple-signing layers are payloads naming the image, each
 * with its signature in an annotation.
 */
export class SignatureChecker {
  readonly #client: RegistryClient;
  readonly #policies: readonly SignaturePolicy[];

  constructor(options: {
    client: RegistryClient;
    policies: readonly SignaturePolicy[];
  }) {
    this.#client = options.client;
    this.#policies = options.policies;
  }

  /** Whether any key is configured. */
  get configured(): boolean {
    return this.#policies.length > 0;
  }

  /**
   * How signatures count for an image, by its reference in any spelling
   * (`node:22`, `ghcr.io/acme/base`): `require` when any entry that names its
   * repository requires them, `warn` when entries name it, undefined when none
   * does or the reference cannot be read.
   */
  modeOf(reference: string): SignatureMode | undefined {
    let repository;
    try {
      const parsed = parseImageReference(reference);
      repository = `${parsed.registry}/${parsed.repository}`;
    } catch {
      return undefined;
    }
    const modes = this.#matching(repository).map(policy => policy.mode);
    if (modes.length === 0) {
      return undefined;
    }
    return modes.includes('require') ? 'require' : 'warn';
  }

  /**
   * Checks the signatures of one digest with the keys configured for its
   * repository.
   *
   * @throws RegistryError when the registry cannot be read: nothing is known
   *   then, and the next run asks again.
   */
  async check(target: {
    registry: string;
    repository: string;
    digest: string;
  }): Promise<SignatureCheck> {
    const repository = `${target.registry}/${target.repository}`;
    const keys = this.#matching(repository).map(policy => policy.key);
    const layers = await this.#signatureLayers(target);
    if (layers === null) {
      return {
        state: 'unsigned',
        detail:
          'No cosign signature: the registry has no signature tag or referrer for this digest.',
      };
    }
    if (layers.length === 0) {
      return {
        state: 'invalid',
        detail: 'The signature manifests hold no cosign signature.',
      };
    }
    const outcomes: SimpleSigningOutcome[] = [];
    for (const layer of layers) {
      const payload = await this.#client.readBlob({
        registry: target.registry,
        repository: target.repository,
        digest: layer.digest,
      });
      const outcome = payload
        ? verifySimpleSigning(
            { payload, signature: layer.signature },
            { repository, digest: target.digest },
            keys,
          )
        : ({
            verified: false,
            problem: 'key',
            reason: 'its payload is missing from the registry',
          } as const);
      if (outcome.verified) {
        return {
          state: 'verified',
          detail: `Signed with the key "${outcome.key}".`,
        };
      }
      outcomes.push(outcome);
    }
    // A signature by a trusted key for something else says more than one by
    // an unknown key.
    const telling =
      outcomes.find(o => !o.verified && o.problem === 'payload') ?? outcomes[0];
    const reason = telling.verified ? '' : telling.reason;
    return {
      state: 'invalid',
      detail:
        layers.length === 1
          ? `The signature is not valid for this digest: ${reason}.`
          : `None of the ${layers.length} signatures is valid for this digest; one ${reason}.`,
    };
  }

  // The signature layers of a digest: from the manifest behind cosign's
  // `sha256-<hex>.sig` tag, else from the manifests that refer to the digest
  // as signatures (OCI referrers API); null when there is neither.
  async #signatureLayers(target: {
    registry: string;
    repository: string;
    digest: string;
  }): Promise<SignatureLayer[] | null> {
    const { registry, repository, digest } = target;
    const tagged = await this.#client.readManifest({
      registry,
      repository,
      reference: `${digest.replace(':', '-')}.sig`,
    });
    if (tagged !== null) {
      return layersOf(tagged.manifest).slice(0, MAX_SIGNATURES);
    }
    const referrers = await this.#client.readReferrers({
      registry,
      repository,
      digest,
      artifactType: SIGNATURE_ARTIFACT,
    });
    if (referrers === null || referrers.length === 0) {
      return null;
    }
    const layers: SignatureLayer[] = [];
    for (const referrer of referrers.slice(0, MAX_SIGNATURES)) {
      const read = await this.#client.readManifest({
        registry,
        repository,
        reference: referrer,
      });
      if (read) layers.push(...layersOf(read.manifest));
    }
    return layers.slice(0, MAX_SIGNATURES);
  }

  #matching(repository: string): SignaturePolicy[] {
    return this.#policies.filter(policy =>
      policy.images.some(pattern => matches(pattern, repository)),
    );
  }
}
