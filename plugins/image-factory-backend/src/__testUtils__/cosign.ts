import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import type { ImagePusher } from './pushTestImage';

/** An ECDSA P-256 key pair, as `cosign generate-key-pair` makes. */
export interface CosignKeyPair {
  privateKey: KeyObject;
  /** PEM, as in `cosign.pub`. */
  publicKeyPem: string;
}

export function generateCosignKeyPair(): CosignKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
  });
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** The simple-signing payload cosign signs for an image digest. */
export function simpleSigningPayload(
  dockerReference: string,
  digest: string,
): Buffer {
  return Buffer.from(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': dockerReference },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature',
      },
      optional: null,
    }),
  );
}

/** The base64 signature cosign puts in the layer's annotation. */
function signPayload(payload: Buffer, key: KeyObject): string {
  return sign('sha256', payload, key).toString('base64');
}

/**
 * Pushes a cosign signature of `digest` to the registry the way `cosign sign
 * --key` stores it: a manifest under the tag `sha256-<hex>.sig` whose
 * simple-signing layer is the payload, signed in its annotation. `payload`
 * and `signedPayload` let a test sign one thing and store another.
 */
export async function pushCosignSignature(
  registry: ImagePusher,
  options: {
    repository: string;
    digest: string;
    /** `docker-reference` of the payload: by default `<host>/<repository>`. */
    dockerReference: string;
    key: KeyObject;
    /** The payload stored; default: the payload for `digest` and `dockerReference`. */
    payload?: Buffer;
    /** The payload signed; default: the one stored. */
    signedPayload?: Buffer;
    /**
     * Store it as an OCI 1.1 referrer of the digest, under this tag, instead
     * of under cosign's `sha256-<hex>.sig` tag. Returns the manifest's digest.
     */
    referrerTag?: string;
  },
): Promise<string> {
  const payload =
    options.payload ??
    simpleSigningPayload(options.dockerReference, options.digest);
  return registry.pushArtifact(
    options.repository,
    options.referrerTag ?? `${options.digest.replace(':', '-')}.sig`,
    [
      {
        mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
        content: payload,
        annotations: {
          'dev.cosignproject.cosign/signature': signPayload(
            options.signedPayload ?? payload,
            options.key,
          ),
        },
      },
    ],
    options.referrerTag === undefined
      ? undefined
      : {
          artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json',
          subject: options.digest,
        },
  );
}

/** A Trivy JSON report with these vulnerabilities, as `trivy image -f json` writes. */
export function trivyReport(
  vulnerabilities: Array<{ id: string; severity: string }>,
): object {
  return {
    SchemaVersion: 2,
    ArtifactName: 'image',
    Results: [
      {
        Target: 'image (debian 12.8)',
        Vulnerabilities: vulnerabilities.map(({ id, severity }) => ({
          VulnerabilityID: id,
          PkgName: 'openssl',
          InstalledVersion: '3.0.15-1',
          Severity: severity,
        })),
      },
    ],
  };
}

/**
 * Pushes a cosign vulnerability attestation of `digest` as `cosign attest
 * --key --type vuln` stores it: a manifest under the tag `sha256-<hex>.att`
 * whose layer is a DSSE envelope of an in-toto statement about the digest,
 * with the Trivy report in its predicate. Returns the manifest's digest.
 */
export async function pushVulnAttestation(
  registry: ImagePusher,
  options: {
    repository: string;
    digest: string;
    key: KeyObject;
    report: object;
    scanFinishedOn: string;
    /** The digest the statement is about; default `digest`. */
    subject?: string;
    /**
     * Store it as an OCI 1.1 referrer of the digest, under this tag, instead
     * of under cosign's `sha256-<hex>.att` tag.
     */
    referrerTag?: string;
  },
): Promise<string> {
  const statement = Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType: 'https://cosign.sigstore.dev/attestation/vuln/v1',
      subject: [
        {
          name: options.repository,
          digest: {
            sha256: (options.subject ?? options.digest).slice('sha256:'.length),
          },
        },
      ],
      predicate: {
        invocation: { uri: 'https://github.com/acme/ci', event_id: '1' },
        scanner: {
          uri: 'pkg:github/aquasecurity/trivy',
          version: '0.58.1',
          db: { uri: '', version: '' },
          result: options.report,
        },
        metadata: {
          scanStartedOn: options.scanFinishedOn,
          scanFinishedOn: options.scanFinishedOn,
        },
      },
    }),
  );
  const payloadType = 'application/vnd.in-toto+json';
  const type = Buffer.from(payloadType);
  const pae = Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `),
    type,
    Buffer.from(` ${statement.length} `),
    statement,
  ]);
  const envelope = {
    payloadType,
    payload: statement.toString('base64'),
    signatures: [
      { keyid: '', sig: sign('sha256', pae, options.key).toString('base64') },
    ],
  };
  return registry.pushArtifact(
    options.repository,
    options.referrerTag ?? `${options.digest.replace(':', '-')}.att`,
    [
      {
        mediaType: 'application/vnd.dsse.envelope.v1+json',
        content: Buffer.from(JSON.stringify(envelope)),
        annotations: {
          predicateType: 'https://cosign.sigstore.dev/attestation/vuln/v1',
        },
      },
    ],
    options.referrerTag === undefined
      ? undefined
      : {
          artifactType: 'application/vnd.dev.cosign.artifact.att.v1+json',
          subject: options.digest,
        },
  );
}
