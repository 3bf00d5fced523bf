import { KeyObject, verify } from 'node:crypto';
import {
  formatImageReference,
  parseImageReference,
} from '@image-factory/backstage-plugin-image-factory-common';

/** A public key that signatures are verified with, and the name users know it by. */
export interface SigningKey {
  name: string;
  key: KeyObject;
}

/** One signature as cosign stores it: the payload blob and its signature. */
export interface SimpleSignature {
  /** The bytes of the `application/vnd.dev.cosign.simplesigning.v1+json` layer. */
  payload: Uint8Array;
  /** The layer's `dev.cosignproject.cosign/signature` annotation: base64. */
  signature: string;
}

/** The outcome for one signature: the key that verified it, or why none did. */
export type SimpleSigningOutcome =
  | { verified: true; key: string }
  | {
      verified: false;
      /** `payload`: verified but for another image; `key`: no key verifies it. */
      problem: 'payload' | 'key';
      reason: string;
    };

interface Payload {
  critical?: {
    identity?: { 'docker-reference'?: unknown };
    image?: { 'docker-manifest-digest'?: unknown };
    type?: unknown;
  };
}

// The repository the payload names, normalized as image references are
// (`index.docker.io/library/node` is `docker.io/library/node`).
function repositoryOf(reference: string): string | undefined {
  try {
    const parsed = parseImageReference(reference);
    return formatImageReference({ ...parsed, tag: null, digest: null });
  } catch {
    return undefined;
  }
}

export function verifiesWith(
  { key }: SigningKey,
  payload: Uint8Array,
  signature: Buffer,
): boolean {
  // Ed25519 signs the message itself; ECDSA and RSA keys sign its SHA-256.
  const algorithm = key.asymmetricKeyType === 'ed25519' ? null : 'sha256';
  try {
    return verify(algorithm, payload, key, signature);
  } catch {
    return false;
  }
}

/** Why no key verified a signature: "it does not verify with the key …". */
export function doesNotVerify(keys: readonly SigningKey[]): string {
  return `it does not verify with ${
    keys.length === 1
      ? `the key "${keys[0].name}"`
      : `any of the keys ${keys.map(k => `"${k.name}"`).join(', ')}`
  }`;
}

/**
 * Verifies a cosign "simple signing" signature of an image digest: the
 * signature must verify over the payload bytes with one of the keys, and the
 * payload must name this digest (`docker-manifest-digest`) and this repository
 * (`docker-reference`), so that a signature copied from another image or
 * another digest counts for nothing.
 *
 * @param repository - the image's repository, normalized: `ghcr.io/acme/base`.
 */
export function verifySimpleSigning(
  signature: SimpleSignature,
  expected: { repository: string; digest: string },
  keys: readonly SigningKey[],
): SimpleSigningOutcome {
  const bytes = Buffer.from(signature.signature, 'base64');
  const key = keys.find(candidate =>
    verifiesWith(candidate, signature.payload, bytes),
  );
  if (!key) {
    return {
      verified: false,
      problem: 'key',
      reason: doesNotVerify(keys),
    };
  }
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(signature.payload).toString('utf8'));
  } catch {
    return {
      verified: false,
      problem: 'payload',
      reason: 'its payload is not JSON',
    };
  }
  const digest = payload.critical?.image?.['docker-manifest-digest'];
  if (digest !== expected.digest) {
    return {
      verified: false,
      problem: 'payload',
      reason: `it signs ${
        typeof digest === 'string'
          ? `another digest, ${digest.slice(0, 80)}`
          : 'no digest'
      }`,
    };
  }
  const reference = payload.critical?.identity?.['docker-reference'];
  const named =
    typeof reference === 'string' ? repositoryOf(reference) : undefined;
  if (named !== expected.repository) {
    return {
      verified: false,
      problem: 'payload',
      reason: `it signs ${
        typeof reference === 'string'
          ? `another repository, ${reference.slice(0, 200)}`
          : 'no repository'
      }`,
    };
  }
  return { verified: true, key: key.name };
}
