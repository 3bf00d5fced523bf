import {
  parseImageReference,
  type SignatureCheck,
  type SignatureMode,
  type VulnerabilitySummary,
} from '@image-factory/backstage-plugin-image-factory-common';
import type { VulnerabilitySettings } from '../config/readImageFactoryConfig';
import {
  summarizeVulnerabilities,
  trivyReportEntries,
} from './summarizeVulnerabilities';
import type { Scan, TrivyOperatorReports } from './TrivyOperatorReports';
import { verifyDsseEnvelope } from './verifyDsseEnvelope';
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
const DSSE_ENVELOPE = 'application/vnd.dsse.envelope.v1+json';
const VULN_PREDICATE = 'https://cosign.sigstore.dev/attestation/vuln/v1';
// Cosign's artifacts of a digest: the suffix of the tag cosign stores them
// under, and their artifact type when stored as OCI 1.1 referrers.
const SIGNATURES = {
  suffix: 'sig',
  artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json',
};
const ATTESTATIONS = {
  suffix: 'att',
  artifactType: 'application/vnd.dev.cosign.artifact.att.v1+json',
};
// Signatures (or attestations) of one digest read at most: cosign appends one
// layer per `cosign sign`, so a handful is normal and more is noise.
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

// The layers of a manifest of one media type, with their annotations.
function layersOfType(
  manifest: unknown,
  type: string,
): Array<{ digest: string; annotations: Record<string, unknown> }> {
  const layers = (manifest as { layers?: unknown }).layers;
  return (Array.isArray(layers) ? layers : []).flatMap(layer => {
    const { mediaType, digest, annotations } = (layer ?? {}) as {
      mediaType?: unknown;
      digest?: unknown;
      annotations?: Record<string, unknown>;
    };
    return mediaType === type && typeof digest === 'string'
      ? [{ digest, annotations: annotations ?? {} }]
      : [];
  });
}

// The signature layers of a cosign signature manifest.
function layersOf(manifest: unknown): SignatureLayer[] {
  return layersOfType(manifest, SIMPLE_SIGNING).flatMap(
    ({ digest, annotations }) => {
      const signature = annotations[SIGNATURE_ANNOTATION];
      return typeof signature === 'string' ? [{ digest, signature }] : [];
    },
  );
}

// The DSSE envelope layers of a cosign attestation manifest; a layer whose
// predicate type annotation names another kind of attestation is skipped.
function envelopeLayersOf(manifest: unknown): string[] {
  return layersOfType(manifest, DSSE_ENVELOPE)
    .filter(({ annotations }) =>
      [undefined, VULN_PREDICATE].includes(
        annotations.predicateType as string | undefined,
      ),
    )
    .map(({ digest }) => digest);
}

// An in-toto statement of a vulnerability scan of `digest`: its report, when
// the scan finished and by what; or why it is not one.
function readVulnStatement(
  statement: unknown,
  digest: string,
):
  | { scannedAt: number; report: unknown; scanner: string }
  | { problem: string } {
  const { predicateType, subject, predicate } = (statement ?? {}) as {
    predicateType?: unknown;
    subject?: unknown;
    predicate?: {
      scanner?: { uri?: unknown; version?: unknown; result?: unknown };
      metadata?: { scanFinishedOn?: unknown };
    };
  };
  if (predicateType !== VULN_PREDICATE) {
    return { problem: 'it is not a vulnerability attestation' };
  }
  const hex = digest.slice('sha256:'.length);
  const about =
    Array.isArray(subject) &&
    subject.some(
      s => (s as { digest?: { sha256?: unknown } })?.digest?.sha256 === hex,
    );
  if (!about) {
    return { problem: 'it is about another digest' };
  }
  const finished = Date.parse(String(predicate?.metadata?.scanFinishedOn));
  if (!Number.isFinite(finished)) {
    return { problem: 'it does not say when the scan finished' };
  }
  const { uri, version } = predicate?.scanner ?? {};
  const name =
    typeof uri === 'string' ? uri.split('/').pop() ?? uri : 'a scanner';
  return {
    scannedAt: finished,
    report: predicate?.scanner?.result,
    scanner:
      typeof version === 'string' ? `${name} ${version}`.slice(0, 100) : name,
  };
}

/**
 * Checks the supply-chain evidence of image digests against the configured
 * public keys (`imageFactory.supplyChain.signatures`), read the way cosign
 * stores it in the image's repository: signatures behind the tag
 * `sha256-<hex>.sig`, whose simple-signing layers are payloads naming the
 * image, each signed in an annotation; vulnerability attestations behind
 * `sha256-<hex>.att`; either as OCI referrers where the registry has no such tag.
 */
export class EvidenceChecker {
  readonly #client: RegistryClient;
  readonly #policies: readonly SignaturePolicy[];
  readonly #vulnerabilities: VulnerabilitySettings;
  readonly #reports: TrivyOperatorReports | undefined;

  constructor(options: {
    client: RegistryClient;
    policies: readonly SignaturePolicy[];
    vulnerabilities?: VulnerabilitySettings;
    /** The Trivy Operator's reports, when a cluster is configured. */
    reports?: TrivyOperatorReports;
  }) {
    this.#client = options.client;
    this.#policies = options.policies;
    this.#vulnerabilities = options.vulnerabilities ?? {
      listSeverity: 'high',
      maxAgeMs: 7 * 86_400_000,
    };
    this.#reports = options.reports;
  }

  /** Whether any evidence is read: a key is configured, or a cluster. */
  get configured(): boolean {
    return this.#policies.length > 0 || this.#reports !== undefined;
  }

  /**
   * Whether any evidence of a repository (`docker.io/library/node`) is read:
   * its signatures and attestations when a key is configured for it, the
   * cluster's reports of every repository.
   */
  checks(repository: string): boolean {
    return this.#reports !== undefined || this.#matching(repository).length > 0;
  }

  /**
   * The newest scan the cluster's Trivy Operator reports of each of `wanted`
   * (`registry/repository@digest`); none when no cluster is configured.
   *
   * @throws ServiceUnavailableError when the Kubernetes API cannot be read.
   */
  async clusterScans(wanted: ReadonlySet<string>): Promise<Map<string, Scan>> {
    return this.#reports && wanted.size > 0
      ? this.#reports.scansOf(wanted)
      : new Map();
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
  async checkSignature(target: {
    registry: string;
    repository: string;
    digest: string;
  }): Promise<SignatureCheck> {
    const repository = `${target.registry}/${target.repository}`;
    const keys = this.#matching(repository).map(policy => policy.key);
    const manifests = await this.#artifactManifests(target, SIGNATURES);
    if (manifests === null) {
      return {
        state: 'unsigned',
        detail:
          'No cosign signature: the registry has no signature tag or referrer for this digest.',
      };
    }
    const layers = manifests.flatMap(layersOf).slice(0, MAX_SIGNATURES);
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

  /**
   * The vulnerabilities of one digest, from the newest of two scans: the
   * cluster's (`clusterScan`, from {@link clusterScans}) and, where a key is
   * configured for the repository, its cosign vulnerability attestations.
   *
   * @throws RegistryError when the registry cannot be read.
   */
  async checkVulnerabilities(
    target: { registry: string; repository: string; digest: string },
    now: Date,
    clusterScan?: Scan,
  ): Promise<VulnerabilitySummary> {
    const keys = this.#matching(`${target.registry}/${target.repository}`).map(
      policy => policy.key,
    );
    const attested =
      keys.length > 0 ? await this.#readAttestations(target, keys) : undefined;
    const scans = [attested, clusterScan].flatMap(scan =>
      scan && 'scannedAt' in scan ? [scan] : [],
    );
    if (scans.length === 0) {
      if (attested && 'problem' in attested) {
        return { state: 'invalid', detail: attested.problem };
      }
      const missing = [
        keys.length > 0 &&
          'the registry has no attestation tag or referrer for this digest',
        this.#reports &&
          'the Trivy Operator has no VulnerabilityReport of this digest',
      ].filter((why): why is string => typeof why === 'string');
      return {
        state: 'none',
        detail: `No vulnerability ${
          this.#reports ? 'report' : 'attestation'
        }: ${missing.join(', and ')}.`,
      };
    }
    const newest = scans.reduce((a, b) => (b.scannedAt > a.scannedAt ? b : a));
    const scannedAt = new Date(newest.scannedAt).toISOString();
    const expired =
      now.getTime() - newest.scannedAt > this.#vulnerabilities.maxAgeMs;
    return {
      state: expired ? 'expired' : 'reported',
      detail: `${expired ? 'Expired: scanned' : 'Scanned'} by ${
        newest.by
      } on ${scannedAt.slice(0, 10)}${newest.from}.`,
      scannedAt,
      counts: newest.counts,
      ids: newest.ids,
    };
  }

  // The newest scan of the vulnerability attestations of one digest as `cosign
  // attest --type vuln` stores them: DSSE envelopes in the layers of the
  // manifest behind the tag `sha256-<hex>.att` (or of the manifests that refer
  // to the digest as attestations), each an in-toto statement about the digest
  // whose predicate carries a Trivy report. Only statements signed by one of
  // `keys` count. `undefined` when there is no attestation; a problem when
  // none counts.
  async #readAttestations(
    target: { registry: string; repository: string; digest: string },
    keys: SigningKey[],
  ): Promise<Scan | { problem: string } | undefined> {
    const manifests = await this.#artifactManifests(target, ATTESTATIONS);
    if (manifests === null) {
      return undefined;
    }
    const layers = manifests.flatMap(envelopeLayersOf).slice(0, MAX_SIGNATURES);
    let newest: { scannedAt: number; report: unknown; scanner: string } | null =
      null;
    let problem = 'it holds no vulnerability attestation';
    for (const digest of layers) {
      const envelope = await this.#client.readBlob({ ...target, digest });
      const outcome = envelope
        ? verifyDsseEnvelope(envelope, keys)
        : ({ verified: false, reason: 'its envelope is missing' } as const);
      if (!outcome.verified) {
        problem = outcome.reason;
        continue;
      }
      const read = readVulnStatement(outcome.payload, target.digest);
      if ('problem' in read) {
        problem = read.problem;
        continue;
      }
      if (!newest || read.scannedAt > newest.scannedAt) newest = read;
    }
    if (!newest) {
      return {
        problem: `No vulnerability attestation is valid for this digest: ${problem}.`,
      };
    }
    return {
      scannedAt: newest.scannedAt,
      by: newest.scanner,
      from: '',
      ...summarizeVulnerabilities(
        trivyReportEntries(newest.report),
        this.#vulnerabilities.listSeverity,
      ),
    };
  }

  // The manifests of one kind of cosign artifact of a digest: the one behind
  // cosign's `sha256-<hex>.<suffix>` tag, else those that refer to the digest
  // with the artifact's type (OCI referrers API); null when there is neither.
  async #artifactManifests(
    target: { registry: string; repository: string; digest: string },
    artifact: { suffix: string; artifactType: string },
  ): Promise<unknown[] | null> {
    const { registry, repository, digest } = target;
    const tagged = await this.#client.readManifest({
      registry,
      repository,
      reference: `${digest.replace(':', '-')}.${artifact.suffix}`,
    });
    if (tagged !== null) {
      return [tagged.manifest];
    }
    const referrers = await this.#client.readReferrers({
      registry,
      repository,
      digest,
      artifactType: artifact.artifactType,
    });
    if (referrers === null || referrers.length === 0) {
      return null;
    }
    const manifests: unknown[] = [];
    for (const referrer of referrers.slice(0, MAX_SIGNATURES)) {
      const read = await this.#client.readManifest({
        registry,
        repository,
        reference: referrer,
      });
      if (read) manifests.push(read.manifest);
    }
    return manifests;
  }

  #matching(repository: string): SignaturePolicy[] {
    return this.#policies.filter(policy =>
      policy.images.some(pattern => matches(pattern, repository)),
    );
  }
}
