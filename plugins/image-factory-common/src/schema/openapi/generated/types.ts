/* eslint-disable */
// Generated from plugins/image-factory-backend/src/schema/openapi.yaml by
// `yarn generate:openapi`: do not edit. `make test` fails when it is stale.

/**
 * The operations of the Image Factory API, by path and method.
 *
 * @public
 */
export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whether the backend answers; needs no credentials. */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/images': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A page of the enrolled images whose entity the caller may read. */
    get: operations['listImages'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/images/{namespace}/{kind}/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The full status of one enrolled entity. */
    get: operations['getImage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/images/{namespace}/{kind}/{name}/analyze': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Queues a run that analyses this entity's Dockerfile again.
     * Needs `image-factory.refresh` and the image's read permission.
     */
    post: operations['analyzeImage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/images/{namespace}/{kind}/{name}/rebuild': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Starts a rebuild of a managed image.
     * An ordinary rebuild needs `image-factory.rebuild.create` and an eligible image; an emergency rebuild needs `image-factory.rebuild.emergency` and a justification, and bypasses the rebuild delay.
     */
    post: operations['rebuildImage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/base-images': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A page of the monitored base images, the most used first. */
    get: operations['listBaseImages'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/base-images/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A base image with its update history. */
    get: operations['getBaseImage'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/graph': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A page of the enrolled images whose entity the caller may read, by entity ref, with the base images they use and the edges between them; filtered by state, owner and text as `/images` is. */
    get: operations['getGraph'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Queues a run of the whole pipeline, or joins the one queued.
     * Needs `image-factory.refresh`.
     */
    post: operations['refresh'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/runs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One run of the pipeline.
     * Needs `image-factory.refresh`: a run's errors may name images the caller may not see.
     */
    get: operations['getRun'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
/**
 * The webhooks of the Image Factory API: none.
 *
 * @public
 */
export type webhooks = Record<string, never>;
/**
 * The schemas, parameters and responses of the Image Factory API.
 *
 * @public
 */
export interface components {
  schemas: {
    /** Backstage's standard error body, as its error handler writes it. */
    ErrorBody: {
      error: components['schemas']['SerializedError'];
      request?: {
        method: string;
        url: string;
      };
      response: {
        statusCode: number;
      };
    };
    SerializedError: {
      name: string;
      message: string;
      stack?: string;
    };
    /** The 409 of a rebuild: `error.eligibleAt` is set when the image is not eligible yet. */
    RebuildConflictErrorBody: components['schemas']['ErrorBody'] & {
      error?: {
        /**
         * Format: date-time
         * When the image becomes eligible.
         */
        eligibleAt?: string;
      };
    };
    /**
     * Where a managed image stands on the way to its next rebuild (docs/eligibility.md, "States"). `up-to-date`: every base image is on its newest freight digest. `pending`: newer freight exists but has not aged past the rebuild delay yet. `eligible`: at least one newer digest has aged past the delay. `rebuilding`: a rebuild was triggered and its run is not finished. `failed`: the last trigger or run failed. `blocked`: analysis failed or no workflow is configured. `unknown`: no freight yet.
     */
    EligibilityState:
      | 'up-to-date'
      | 'pending'
      | 'eligible'
      | 'rebuilding'
      | 'failed'
      | 'blocked'
      | 'unknown';
    /** The rebuild eligibility of one image. */
    Eligibility: {
      state: components['schemas']['EligibilityState'];
      /**
       * Format: date-time
       * When the image becomes eligible. Set for `pending`, unless the image waits for a managed image it builds on to be rebuilt first; for `eligible` it is the moment the first update aged past the delay.
       */
      eligibleAt?: string;
      /** Human-readable reasons for the state, e.g. "no workflow: rebuilds are manual-only" for `blocked`, or the trigger error for `failed`. */
      reasons: string[];
      /** Set when the image is eligible before the delay on evidence (`imageFactory.supplyChain.bypassSeverity`): the vulnerability ids at or above that severity that the built digests have and the newer digests do not. The rebuild is then an `evidence` rebuild with these ids as its justification. */
      fixes?: string[];
    };
    /**
     * A managed image is built from one of our Dockerfiles; an external image is a third-party image we run, monitored but never rebuilt.
     */
    ImageKind: 'managed' | 'external';
    /**
     * Sort order of `GET /images`: `staleness` puts the images whose newest base image digests fix the most critical vulnerabilities of their built ones first (`upstreamCriticalFixes`), then the image whose oldest pending update is oldest; `name` sorts by entity ref.
     */
    ImageListOrder: 'staleness' | 'name';
    /**
     * Order in which eligible images are rebuilt (`image-factory.io/priority`).
     */
    RebuildPriority: 'critical' | 'high' | 'normal' | 'low';
    /** A bad annotation value, and what is wrong with it. */
    EnrollmentError: {
      annotation: string;
      message: string;
      /** The image cannot be rebuilt while this error stands (a rebuild target the entity may not use), rather than the field falling back to its default. */
      blocksRebuilds?: boolean;
    };
    /** Enrollment of an image, as read from its entity's annotations. */
    ImageEnrollment: {
      /** The image repository the entity builds, or the external image reference. */
      image: string;
      /** Dockerfile path; null for external images. */
      dockerfile: string | null;
      /** Where the source lives (`url:https://…/tree/main/`, `file:/…/`); null for external images or when unknown. */
      sourceLocation: string | null;
      /** Delay in annotation syntax (`7d`, `36h`, `90m`, `0`). */
      rebuildDelay: string;
      autoRebuild: boolean;
      /** Workflow file or pipeline ref; null when no build can be started (the image is blocked). */
      workflow: string | null;
      priority: components['schemas']['RebuildPriority'];
      /** The platforms the image is built for (`image-factory.io/platforms`, else `imageFactory.defaults.platforms`), sorted. Only a new base image digest that changes one of them makes the image stale. Absent from documents written before platforms were tracked. */
      platforms?: string[];
      errors: components['schemas']['EnrollmentError'][];
    };
    /**
     * Outcome of the Dockerfile analysis.
     */
    AnalysisStatus: 'ok' | 'failed' | 'pending';
    /** Something the analysis could not resolve, with its Dockerfile line (1-based). */
    AnalysisWarning: {
      line: number;
      message: string;
    };
    /** The last Dockerfile analysis of a managed image. */
    ImageAnalysis: {
      status: components['schemas']['AnalysisStatus'];
      /**
       * Format: date-time
       * Null before the first analysis.
       */
      analyzedAt: string | null;
      error?: string;
      warnings: components['schemas']['AnalysisWarning'][];
      /** The `# syntax=` build frontend, reported but never a rebuild trigger. */
      frontend?: string;
    };
    /**
     * Where a freight record came from: the plugin's own registry discovery or Kargo `Freight` objects (`imageFactory.freightSource.type`).
     */
    FreightOrigin: 'registry' | 'kargo';
    /** A discovered version of a monitored image. */
    Freight: {
      tag: string;
      digest: string;
      /**
       * Format: date-time
       * When the digest was first seen behind the tag.
       */
      firstSeen: string;
      source: components['schemas']['FreightOrigin'];
    };
    /** One change of the digest behind a base image's tag. */
    BaseImageUpdate: {
      /** The digest behind the tag: for a multi-platform image, the image index's. */
      digest: string;
      /** Format: date-time */
      firstSeen: string;
      /** Per platform (`linux/amd64`), the image manifest digest inside the index. Absent for a single-platform image or when discovery did not record them. */
      platformDigests?: {
        [key: string]: string;
      };
      signature?: components['schemas']['SignatureCheck'];
      vulnerabilities?: components['schemas']['VulnerabilitySummary'];
    };
    /** What a signed cosign vulnerability attestation of the digest says, in short: counts by severity and the ids at or above the configured severity (`imageFactory.supplyChain.vulnerabilities.listSeverity`). Absent when no signing key is configured for the repository, or before the digest's first check. */
    VulnerabilitySummary: {
      /**
       * `reported`: a vulnerability attestation signed by a configured key and scanned within `maxAge`. `none`: no attestation. `invalid`: attestations are there, but none verifies for this digest. `expired`: the newest verified one is older than `maxAge`.
       */
      state: 'reported' | 'none' | 'invalid' | 'expired';
      /** One sentence, e.g. "Scanned by trivy 0.58.1 on 2026-12-03". */
      detail: string;
      /**
       * Format: date-time
       * When the scan finished, as the attestation says.
       */
      scannedAt?: string;
      counts?: {
        critical: number;
        high: number;
        medium: number;
        low: number;
        unknown: number;
      };
      /** The vulnerability ids (CVE-…, GHSA-…) of each severity at or above the listed one, sorted, at most 100 in all, the most severe first. */
      ids?: {
        critical?: string[];
        high?: string[];
        medium?: string[];
        low?: string[];
      };
    };
    /** What the Image Factory found of a cosign signature for one digest, by the public keys configured for its repository (`imageFactory.supplyChain.signatures`). Absent from an update when no key is configured for the repository, or before the digest's first check. */
    SignatureCheck: {
      state: components['schemas']['SignatureState'];
      /** One sentence: the key that verified the signature, or why none did, e.g. "no signature: the registry has no tag sha256-….sig". */
      detail: string;
    };
    /**
     * `verified`: a signature for this digest and repository verifies with a configured key. `unsigned`: the registry holds no signature for it. `invalid`: signatures are there, but none verifies with a configured key, or none is for this digest and repository.
     */
    SignatureState: 'verified' | 'unsigned' | 'invalid';
    /**
     * How signatures count for a base image: `warn` shows them; `require` never rebuilds onto a digest whose signature is not verified.
     */
    SignatureMode: 'warn' | 'require';
    /** A base image of one managed image, with the digests that drive its eligibility. */
    ImageBaseImage: {
      /** Normalized reference, e.g. `docker.io/library/node:22-bookworm-slim`. */
      ref: string;
      /** The base image's name in the state repository (a DNS-1123 label). */
      name: string;
      /** The monitored tag, e.g. `22-bookworm-slim`, the tag of every entry of `updates`; empty for a reference pinned by digest alone. */
      tag: string;
      /** Where the digests of `updates` were discovered. */
      source: components['schemas']['FreightOrigin'];
      /** Digest the managed image was last built on; null when not known yet. */
      builtDigest: string | null;
      /** Newest freight digest; null before the first discovery. */
      latestDigest: string | null;
      /** Newest digest that changes a platform the image is built for: the newest such update, else `builtDigest`. Equal to `latestDigest` unless the index moved only for other platforms. Absent from documents written before platforms were tracked: `latestDigest` stands in. */
      latestRelevantDigest?: string | null;
      /** Newest digest that has aged past the rebuild delay; null when none has. */
      eligibleDigest: string | null;
      /**
       * Format: date-time
       * When the tag last moved; null before the first discovery.
       */
      lastUpdated: string | null;
      /** Why discovery failed for this base image, e.g. a registry error. */
      error?: string;
      /** Digest changes of the tag, newest first: the base image's freight, with the platform digests discovery recorded. */
      updates: components['schemas']['BaseImageUpdate'][];
      /** Entity refs of every managed image that uses this base image. */
      dependents: string[];
      /** The platforms of the image that its Dockerfile uses this base image for, sorted, when only some of them do (`FROM golang:1.22-$TARGETARCH`); only their manifests make the image stale. Absent when every platform uses it. */
      platforms?: string[];
      /** Set when a signing key is configured for the base image's repository (`imageFactory.supplyChain.signatures`). */
      signatureMode?: components['schemas']['SignatureMode'];
      /** Entity ref of the managed image that builds this base image: it is an internal base image, and this image is built after it in the chain. Absent for an upstream image. */
      builtBy?: string;
      /** The delay of this base image when it is not the image's own: an internal base image whose newest digest a rebuild of the Image Factory pushed is trusted after `imageFactory.defaults.internalDelay` (default `0`). */
      delay?: string;
      /** Why a change of the multi-platform index did not make the image stale, e.g. only a platform the image is not built for was re-published. */
      platformNote?: string;
    };
    /** Links into the state repository. A link is null (or absent) when the state repository is local and has no browsable URL. */
    ImageStateLinks: {
      stateFile?: string | null;
      warehouseManifest?: string | null;
    };
    /** Paths of an image's or a base image's files inside the state repository; a base image's Warehouse watches its tag for new digests. */
    ImageStatePaths: {
      /** e.g. `state/images/payments.yaml`, or `state/base-images/docker-io-library-node-22.yaml`. */
      stateFile: string;
      /** e.g. `manifests/warehouses/payments.yaml`. */
      warehouseManifest?: string;
    };
    /** The full status of one enrolled entity. */
    ImageStatus: {
      entityRef: string;
      kind: components['schemas']['ImageKind'];
      /** Entity ref of the owner (`spec.owner`); null when the entity has none. */
      owner: string | null;
      enrollment: components['schemas']['ImageEnrollment'];
      analysis: components['schemas']['ImageAnalysis'];
      baseImages: components['schemas']['ImageBaseImage'][];
      /** Freight of the enrolled image's own repository, newest first: the versions of an external image, the builds of a managed one. */
      freight: components['schemas']['Freight'][];
      /** Entity refs of managed images whose Dockerfile uses this image. */
      dependents: string[];
      eligibility: components['schemas']['Eligibility'];
      /** Why the Image Factory holds the image as it is, besides its enrollment and analysis: its state file is invalid, or its entity is gone from the catalog while the mass-archive guard keeps it. Each is a reason of a `blocked` eligibility. Absent when there is none. */
      blockedBy?: string[];
      /** Newest first. */
      rebuilds: components['schemas']['RebuildRecord'][];
      /** How many rebuilds of this image bypassed the delay: emergency rebuilds and evidence rebuilds. */
      emergencyRebuildCount: number;
      links: components['schemas']['ImageStateLinks'];
      paths?: components['schemas']['ImageStatePaths'];
    };
    /** One enrolled image in the fleet list. */
    ImageListItem: {
      entityRef: string;
      kind: components['schemas']['ImageKind'];
      image: string;
      owner: string | null;
      eligibility: {
        state: components['schemas']['EligibilityState'];
        /** Format: date-time */
        eligibleAt?: string;
      };
      /**
       * Format: date-time
       * First-seen time of the oldest update the image is not built on.
       */
      staleSince?: string;
      /** How many critical vulnerabilities of the digests the image is built on the newest base image digests fix (both with a current scan); absent for none. */
      upstreamCriticalFixes?: number;
      baseImageCount: number;
      lastRebuild?: components['schemas']['RebuildRecord'];
    };
    /** A page of `GET /images`. */
    ImageList: {
      items: components['schemas']['ImageListItem'][];
      /** Number of images matching the filters, ignoring offset and limit. */
      totalCount: number;
      /** Rebuilds of the whole fleet that bypassed the delay, emergency and evidence ones, whatever the filters. */
      emergencyRebuildCount: number;
    };
    /**
     * What caused a rebuild: the eligibility cycle, a person, a person bypassing the rebuild delay, or the plugin bypassing it on evidence (`evidence`: a newer digest fixes vulnerabilities the built one has).
     */
    RebuildTriggerKind: 'auto' | 'manual' | 'emergency' | 'evidence';
    /**
     * The CI system a rebuild was sent to.
     */
    RebuildProvider: 'github' | 'gitlab';
    /**
     * Progress of a rebuild. `dispatched` means the request to start the run was sent but its outcome is unknown (the CI system answered 5xx, or the connection failed or timed out after sending): the run is looked for by the rebuild's id, and the rebuild is never sent again meanwhile. `failed` means the run never started: the CI system refused the trigger, or no run with the rebuild's id appeared in time; a run that started and failed is `completed` with a `failure` conclusion.
     */
    RebuildStatus:
      | 'requested'
      | 'dispatched'
      | 'running'
      | 'completed'
      | 'failed';
    /**
     * Outcome of a completed rebuild run.
     */
    RebuildConclusion:
      | 'success'
      | 'failure'
      | 'cancelled'
      | 'timed-out'
      | 'unknown';
    /** One rebuild attempt of a managed image, as recorded in its rebuild history. */
    RebuildRecord: {
      id: string;
      trigger: components['schemas']['RebuildTriggerKind'];
      /** Entity ref of the user, or the name of the service, that asked for it. */
      requestedBy: string;
      /** Required for emergency rebuilds. */
      justification?: string;
      /** Format: date-time */
      requestedAt: string;
      provider: components['schemas']['RebuildProvider'];
      /** Link to the CI run, once it is known. */
      runUrl?: string;
      status: components['schemas']['RebuildStatus'];
      conclusion?: components['schemas']['RebuildConclusion'];
      /** Why the trigger failed (HTTP status and message), when `status` is `failed`; what became of the request, when it is `dispatched`. */
      error?: string;
      /** Base image reference to the digest this rebuild builds on. */
      baseDigests: {
        [key: string]: string;
      };
      verification?: components['schemas']['RebuildVerification'];
    };
    /**
     * What the registry says of a successful rebuild's image: `verified`, it is on every digest asked for; `mismatch`, it is on another digest of a base image; `unverifiable`, nothing in the image says.
     */
    VerificationOutcome: 'verified' | 'mismatch' | 'unverifiable';
    /** What the pushed image says of one base image of the rebuild. */
    BaseImageVerification: {
      ref: string;
      outcome: components['schemas']['VerificationOutcome'];
      /**
       * What decided: the `org.opencontainers.image.base.*` annotations or labels, an SLSA provenance attestation's materials, or the base image's layers being the first layers of the image; null when nothing could.
       */
      method: 'annotations' | 'provenance' | 'layers' | null;
      /** The digest the image is on, when a method found it. */
      digest: string | null;
    };
    /** The check, once the run succeeded, that the image it pushed is built on the digests the rebuild asked for (docs/eligibility.md, "Verified rebuilds"). Only a verified or unverifiable rebuild moves the built digests; a mismatch leaves the image stale. */
    RebuildVerification: {
      outcome: components['schemas']['VerificationOutcome'];
      /** Format: date-time */
      checkedAt: string;
      /** The image read, `repository:tag@digest`; null when the tag holds no image pushed since the rebuild was sent. */
      image: string | null;
      /** One sentence for people, naming what decided or what was missing. */
      detail: string;
      baseImages: components['schemas']['BaseImageVerification'][];
    };
    /** Body of a rebuild request. */
    RebuildRequest: {
      /** Bypass the rebuild delay; needs `image-factory.rebuild.emergency`. */
      emergency?: boolean;
      /** Why the rebuild cannot wait. Required for emergency rebuilds: at least 20 characters and three words, on one line without control characters. */
      justification?: string;
    };
    /** The recorded rebuild attempt. */
    RebuildResponse: {
      rebuild: components['schemas']['RebuildRecord'];
      /** Ids of the stale active rebuilds this emergency rebuild superseded: they are recorded as `failed`, naming it. */
      supersededRebuildIds?: string[];
    };
    /** What `GET /base-images` and `GET /base-images/{name}` both say of a base image. */
    BaseImageFields: {
      /** Normalized reference, e.g. `docker.io/library/python:3.12-slim`. */
      ref: string;
      /** Name in the state repository (a DNS-1123 label); used in `/base-images/{name}`. */
      name: string;
      registry: string;
      repository: string;
      tag: string;
      /** Null before the first discovery. */
      currentDigest: string | null;
      /**
       * Format: date-time
       * Null before the first discovery.
       */
      lastUpdated: string | null;
      /** Entity refs of the managed images built on it. */
      dependents: string[];
      /** Why discovery failed, e.g. a registry error. */
      error?: string;
    };
    /** A monitored base image in `GET /base-images`. */
    BaseImageSummary: components['schemas']['BaseImageFields'];
    /** A page of the monitored base images, the most used first (then by reference). */
    BaseImageList: {
      items: components['schemas']['BaseImageSummary'][];
      /** Every monitored base image, ignoring offset and limit. */
      totalCount: number;
    };
    /** A base image with its update history. */
    BaseImageDetail: components['schemas']['BaseImageFields'] & {
      previousDigest: string | null;
      /** Format: date-time */
      firstDiscovered: string;
      /** Digest changes of the tag, newest first: the base image's freight, with the platform digests discovery recorded. */
      updates: components['schemas']['BaseImageUpdate'][];
      links?: components['schemas']['ImageStateLinks'];
      paths?: components['schemas']['ImageStatePaths'];
    };
    /**
     * What a node of the dependency graph stands for.
     */
    DependencyGraphNodeKind: 'managed' | 'external' | 'base';
    /** An image in the dependency graph. */
    DependencyGraphNode: {
      id: string;
      kind: components['schemas']['DependencyGraphNodeKind'];
      /** Short display name, e.g. the image reference. */
      label: string;
      /** Set for managed and external images. */
      entityRef?: string;
      /** Set for base images: the name in the state repository, as in `/base-images/{name}`. */
      baseImage?: string;
      state?: components['schemas']['EligibilityState'];
      /** Entity ref of the image's owner (`spec.owner`), for managed and external images that have one. */
      owner?: string;
    };
    /** "`from` uses `to`": the image `from` is built on the base image `to`. */
    DependencyGraphEdge: {
      from: string;
      to: string;
    };
    /** A page of the enrolled images with the base images they use. */
    DependencyGraph: {
      nodes: components['schemas']['DependencyGraphNode'][];
      edges: components['schemas']['DependencyGraphEdge'][];
      /** Every enrolled image, ignoring offset and limit. */
      totalImageCount: number;
    };
    /** What one run of the whole pipeline did: the `summary` of a finished run. */
    RefreshSummary: {
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      finishedAt: string;
      /** Managed images whose Dockerfile was analysed. */
      analyzed: number;
      /** Distinct repository and tag pairs whose digest was resolved. */
      checked: number;
      /** New freight records found. */
      newFreight: number;
      rebuildsTriggered: number;
      /** The state repository commit; null when nothing changed. */
      commit: string | null;
      /** Per-item problems that did not stop the run. */
      errors: string[];
    };
    /**
     * Where a pipeline run stands: `queued` until a backend replica takes it.
     */
    PipelineRunStatus: 'queued' | 'running' | 'succeeded' | 'failed';
    /** One run of the pipeline. */
    PipelineRun: {
      id: string;
      status: components['schemas']['PipelineRunStatus'];
      /**
       * Format: date-time
       * When the run was asked for.
       */
      queuedAt: string;
      /** Format: date-time */
      startedAt?: string;
      /** Format: date-time */
      finishedAt?: string;
      summary?: components['schemas']['RefreshSummary'];
      /** Once `failed`, why. */
      error?: string;
    };
  };
  responses: {
    /** The run queued (many requests share one queued run); `Location` is where to follow it. */
    RunQueued: {
      headers: {
        /** `/api/image-factory/runs/{id}` */
        Location?: string;
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['PipelineRun'];
      };
    };
    /** The request is invalid (a parameter the operation does not take counts too); `error.message` says how. */
    InputError: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ErrorBody'];
      };
    };
    /** No valid credentials. */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ErrorBody'];
      };
    };
    /** The caller may not do this. */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ErrorBody'];
      };
    };
    /** Not there, or hidden from the caller: the two answers are the same, so nothing is revealed. */
    NotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ErrorBody'];
      };
    };
  };
  parameters: {
    /** The entity's namespace, e.g. `default`. */
    namespace: string;
    /** The entity's kind, e.g. `component`. */
    kind: string;
    /** The entity's name. */
    name: string;
    /** Skip this many items. */
    offset: number;
    state: components['schemas']['EligibilityState'];
    /** Owner entity ref, e.g. `group:default/payments`. */
    owner: string;
    /** Case-insensitive match on entity ref and image. */
    search: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
/**
 * Backstage's standard error body, as its error handler writes it.
 *
 * @public
 */
export type ErrorBody = components['schemas']['ErrorBody'];
/**
 * The `SerializedError` schema of the Image Factory API.
 *
 * @public
 */
export type SerializedError = components['schemas']['SerializedError'];
/**
 * The 409 of a rebuild: `error.eligibleAt` is set when the image is not eligible yet.
 *
 * @public
 */
export type RebuildConflictErrorBody =
  components['schemas']['RebuildConflictErrorBody'];
/**
 * Where a managed image stands on the way to its next rebuild (docs/eligibility.md, "States"). `up-to-date`: every base image is on its newest freight digest. `pending`: newer freight exists but has not aged past the rebuild delay yet. `eligible`: at least one newer digest has aged past the delay. `rebuilding`: a rebuild was triggered and its run is not finished. `failed`: the last trigger or run failed. `blocked`: analysis failed or no workflow is configured. `unknown`: no freight yet.
 *
 * @public
 */
export type EligibilityState = components['schemas']['EligibilityState'];
/**
 * The rebuild eligibility of one image.
 *
 * @public
 */
export type Eligibility = components['schemas']['Eligibility'];
/**
 * A managed image is built from one of our Dockerfiles; an external image is a third-party image we run, monitored but never rebuilt.
 *
 * @public
 */
export type ImageKind = components['schemas']['ImageKind'];
/**
 * Sort order of `GET /images`: `staleness` puts the images whose newest base image digests fix the most critical vulnerabilities of their built ones first (`upstreamCriticalFixes`), then the image whose oldest pending update is oldest; `name` sorts by entity ref.
 *
 * @public
 */
export type ImageListOrder = components['schemas']['ImageListOrder'];
/**
 * Order in which eligible images are rebuilt (`image-factory.io/priority`).
 *
 * @public
 */
export type RebuildPriority = components['schemas']['RebuildPriority'];
/**
 * A bad annotation value, and what is wrong with it.
 *
 * @public
 */
export type EnrollmentError = components['schemas']['EnrollmentError'];
/**
 * Enrollment of an image, as read from its entity's annotations.
 *
 * @public
 */
export type ImageEnrollment = components['schemas']['ImageEnrollment'];
/**
 * Outcome of the Dockerfile analysis.
 *
 * @public
 */
export type AnalysisStatus = components['schemas']['AnalysisStatus'];
/**
 * Something the analysis could not resolve, with its Dockerfile line (1-based).
 *
 * @public
 */
export type AnalysisWarning = components['schemas']['AnalysisWarning'];
/**
 * The last Dockerfile analysis of a managed image.
 *
 * @public
 */
export type ImageAnalysis = components['schemas']['ImageAnalysis'];
/**
 * Where a freight record came from: the plugin's own registry discovery or Kargo `Freight` objects (`imageFactory.freightSource.type`).
 *
 * @public
 */
export type FreightOrigin = components['schemas']['FreightOrigin'];
/**
 * A discovered version of a monitored image.
 *
 * @public
 */
export type Freight = components['schemas']['Freight'];
/**
 * One change of the digest behind a base image's tag.
 *
 * @public
 */
export type BaseImageUpdate = components['schemas']['BaseImageUpdate'];
/**
 * What a signed cosign vulnerability attestation of the digest says, in short: counts by severity and the ids at or above the configured severity (`imageFactory.supplyChain.vulnerabilities.listSeverity`). Absent when no signing key is configured for the repository, or before the digest's first check.
 *
 * @public
 */
export type VulnerabilitySummary =
  components['schemas']['VulnerabilitySummary'];
/**
 * What the Image Factory found of a cosign signature for one digest, by the public keys configured for its repository (`imageFactory.supplyChain.signatures`). Absent from an update when no key is configured for the repository, or before the digest's first check.
 *
 * @public
 */
export type SignatureCheck = components['schemas']['SignatureCheck'];
/**
 * `verified`: a signature for this digest and repository verifies with a configured key. `unsigned`: the registry holds no signature for it. `invalid`: signatures are there, but none verifies with a configured key, or none is for this digest and repository.
 *
 * @public
 */
export type SignatureState = components['schemas']['SignatureState'];
/**
 * How signatures count for a base image: `warn` shows them; `require` never rebuilds onto a digest whose signature is not verified.
 *
 * @public
 */
export type SignatureMode = components['schemas']['SignatureMode'];
/**
 * A base image of one managed image, with the digests that drive its eligibility.
 *
 * @public
 */
export type ImageBaseImage = components['schemas']['ImageBaseImage'];
/**
 * Links into the state repository. A link is null (or absent) when the state repository is local and has no browsable URL.
 *
 * @public
 */
export type ImageStateLinks = components['schemas']['ImageStateLinks'];
/**
 * Paths of an image's or a base image's files inside the state repository; a base image's Warehouse watches its tag for new digests.
 *
 * @public
 */
export type ImageStatePaths = components['schemas']['ImageStatePaths'];
/**
 * The full status of one enrolled entity.
 *
 * @public
 */
export type ImageStatus = components['schemas']['ImageStatus'];
/**
 * One enrolled image in the fleet list.
 *
 * @public
 */
export type ImageListItem = components['schemas']['ImageListItem'];
/**
 * A page of `GET /images`.
 *
 * @public
 */
export type ImageList = components['schemas']['ImageList'];
/**
 * What caused a rebuild: the eligibility cycle, a person, a person bypassing the rebuild delay, or the plugin bypassing it on evidence (`evidence`: a newer digest fixes vulnerabilities the built one has).
 *
 * @public
 */
export type RebuildTriggerKind = components['schemas']['RebuildTriggerKind'];
/**
 * The CI system a rebuild was sent to.
 *
 * @public
 */
export type RebuildProvider = components['schemas']['RebuildProvider'];
/**
 * Progress of a rebuild. `dispatched` means the request to start the run was sent but its outcome is unknown (the CI system answered 5xx, or the connection failed or timed out after sending): the run is looked for by the rebuild's id, and the rebuild is never sent again meanwhile. `failed` means the run never started: the CI system refused the trigger, or no run with the rebuild's id appeared in time; a run that started and failed is `completed` with a `failure` conclusion.
 *
 * @public
 */
export type RebuildStatus = components['schemas']['RebuildStatus'];
/**
 * Outcome of a completed rebuild run.
 *
 * @public
 */
export type RebuildConclusion = components['schemas']['RebuildConclusion'];
/**
 * One rebuild attempt of a managed image, as recorded in its rebuild history.
 *
 * @public
 */
export type RebuildRecord = components['schemas']['RebuildRecord'];
/**
 * What the registry says of a successful rebuild's image: `verified`, it is on every digest asked for; `mismatch`, it is on another digest of a base image; `unverifiable`, nothing in the image says.
 *
 * @public
 */
export type VerificationOutcome = components['schemas']['VerificationOutcome'];
/**
 * What the pushed image says of one base image of the rebuild.
 *
 * @public
 */
export type BaseImageVerification =
  components['schemas']['BaseImageVerification'];
/**
 * The check, once the run succeeded, that the image it pushed is built on the digests the rebuild asked for (docs/eligibility.md, "Verified rebuilds"). Only a verified or unverifiable rebuild moves the built digests; a mismatch leaves the image stale.
 *
 * @public
 */
export type RebuildVerification = components['schemas']['RebuildVerification'];
/**
 * Body of a rebuild request.
 *
 * @public
 */
export type RebuildRequest = components['schemas']['RebuildRequest'];
/**
 * The recorded rebuild attempt.
 *
 * @public
 */
export type RebuildResponse = components['schemas']['RebuildResponse'];
/**
 * What `GET /base-images` and `GET /base-images/{name}` both say of a base image.
 *
 * @public
 */
export type BaseImageFields = components['schemas']['BaseImageFields'];
/**
 * A monitored base image in `GET /base-images`.
 *
 * @public
 */
export type BaseImageSummary = components['schemas']['BaseImageSummary'];
/**
 * A page of the monitored base images, the most used first (then by reference).
 *
 * @public
 */
export type BaseImageList = components['schemas']['BaseImageList'];
/**
 * A base image with its update history.
 *
 * @public
 */
export type BaseImageDetail = components['schemas']['BaseImageDetail'];
/**
 * What a node of the dependency graph stands for.
 *
 * @public
 */
export type DependencyGraphNodeKind =
  components['schemas']['DependencyGraphNodeKind'];
/**
 * An image in the dependency graph.
 *
 * @public
 */
export type DependencyGraphNode = components['schemas']['DependencyGraphNode'];
/**
 * "`from` uses `to`": the image `from` is built on the base image `to`.
 *
 * @public
 */
export type DependencyGraphEdge = components['schemas']['DependencyGraphEdge'];
/**
 * A page of the enrolled images with the base images they use.
 *
 * @public
 */
export type DependencyGraph = components['schemas']['DependencyGraph'];
/**
 * What one run of the whole pipeline did: the `summary` of a finished run.
 *
 * @public
 */
export type RefreshSummary = components['schemas']['RefreshSummary'];
/**
 * Where a pipeline run stands: `queued` until a backend replica takes it.
 *
 * @public
 */
export type PipelineRunStatus = components['schemas']['PipelineRunStatus'];
/**
 * One run of the pipeline.
 *
 * @public
 */
export type PipelineRun = components['schemas']['PipelineRun'];
/**
 * An alias of its definition in {@link components}.
 *
 * @public
 */
export type ResponseRunQueued = components['responses']['RunQueued'];
/**
 * An alias of its definition in {@link components}.
 *
 * @public
 */
export type ResponseInputError = components['responses']['InputError'];
/**
 * An alias of its definition in {@link components}.
 *
 * @public
 */
export type ResponseUnauthorized = components['responses']['Unauthorized'];
/**
 * An alias of its definition in {@link components}.
 *
 * @public
 */
export type ResponseForbidden = components['responses']['Forbidden'];
/**
 * An alias of its definition in {@link components}.
 *
 * @public
 */
export type ResponseNotFound = components['responses']['NotFound'];
/**
 * An alias of its definition in {@link components}.
 *
 * @public
 */
export type ParameterNamespace = components['parameters']['namespace'];
/**
 * An alias of its definition in {@link components}.
 *
 * @public
 */
export type ParameterKind = components['parameters']['kind'];
/**
 * An alias of its definition in {@link components}.
 *
 * @public
 */
export type ParameterName = components['parameters']['name'];
/**
 * An alias of its definition in {@link components}.
 *
 * @public
 */
export type ParameterOffset = components['parameters']['offset'];
/**
 * An alias of its definition in {@link components}.
 *
 * @public
 */
export type ParameterState = components['parameters']['state'];
/**
 * An alias of its definition in {@link components}.
 *
 * @public
 */
export type ParameterOwner = components['parameters']['owner'];
/**
 * An alias of its definition in {@link components}.
 *
 * @public
 */
export type ParameterSearch = components['parameters']['search'];
/**
 * The spec's `$defs`: none.
 *
 * @public
 */
export type $defs = Record<string, never>;
/**
 * The operations of the Image Factory API, by operation id.
 *
 * @public
 */
export interface operations {
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The plugin is up. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            status: 'ok';
          };
        };
      };
      400: components['responses']['InputError'];
    };
  };
  listImages: {
    parameters: {
      query?: {
        /** Skip this many items. */
        offset?: components['parameters']['offset'];
        /** At most this many items (default 100). */
        limit?: number;
        state?: components['parameters']['state'];
        /** Owner entity ref, e.g. `group:default/payments`. */
        owner?: components['parameters']['owner'];
        kind?: components['schemas']['ImageKind'];
        /** Only the images built on this base image, by its name in the state repository (as in `/base-images/{name}`); none when no base image has that name. */
        baseImage?: string;
        /** Case-insensitive match on entity ref and image. */
        search?: components['parameters']['search'];
        order?: components['schemas']['ImageListOrder'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The page. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ImageList'];
        };
      };
      400: components['responses']['InputError'];
      401: components['responses']['Unauthorized'];
    };
  };
  getImage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** The entity's namespace, e.g. `default`. */
        namespace: components['parameters']['namespace'];
        /** The entity's kind, e.g. `component`. */
        kind: components['parameters']['kind'];
        /** The entity's name. */
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The status. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ImageStatus'];
        };
      };
      400: components['responses']['InputError'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
    };
  };
  analyzeImage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** The entity's namespace, e.g. `default`. */
        namespace: components['parameters']['namespace'];
        /** The entity's kind, e.g. `component`. */
        kind: components['parameters']['kind'];
        /** The entity's name. */
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: components['responses']['RunQueued'];
      400: components['responses']['InputError'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
  rebuildImage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** The entity's namespace, e.g. `default`. */
        namespace: components['parameters']['namespace'];
        /** The entity's kind, e.g. `component`. */
        kind: components['parameters']['kind'];
        /** The entity's name. */
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['RebuildRequest'];
      };
    };
    responses: {
      /** The rebuild attempt, as recorded. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RebuildResponse'];
        };
      };
      /** The body is invalid (an emergency without a proper justification), or the image is external and never rebuilt. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ErrorBody'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      /** The image is not eligible yet (`error.eligibleAt` says when it will be), or cannot be rebuilt now (it is blocked, or being rebuilt). */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RebuildConflictErrorBody'];
        };
      };
    };
  };
  listBaseImages: {
    parameters: {
      query?: {
        /** Skip this many items. */
        offset?: components['parameters']['offset'];
        /** At most this many items (default 100). */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The page. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BaseImageList'];
        };
      };
      400: components['responses']['InputError'];
      401: components['responses']['Unauthorized'];
    };
  };
  getBaseImage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** The base image's name in the state repository. */
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The base image. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BaseImageDetail'];
        };
      };
      400: components['responses']['InputError'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
    };
  };
  getGraph: {
    parameters: {
      query?: {
        /** Skip this many items. */
        offset?: components['parameters']['offset'];
        /** At most this many images (default 200). */
        limit?: number;
        state?: components['parameters']['state'];
        /** Owner entity ref, e.g. `group:default/payments`. */
        owner?: components['parameters']['owner'];
        /** Case-insensitive match on entity ref and image. */
        search?: components['parameters']['search'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The page of the graph. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DependencyGraph'];
        };
      };
      400: components['responses']['InputError'];
      401: components['responses']['Unauthorized'];
    };
  };
  refresh: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: components['responses']['RunQueued'];
      400: components['responses']['InputError'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
    };
  };
  getRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The run. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PipelineRun'];
        };
      };
      400: components['responses']['InputError'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
    };
  };
}
/**
 * Every value of {@link EligibilityState}, in the order of the spec.
 *
 * @public
 */
export const eligibilityStateValues: ReadonlyArray<
  components['schemas']['EligibilityState']
> = [
  'up-to-date',
  'pending',
  'eligible',
  'rebuilding',
  'failed',
  'blocked',
  'unknown',
];
/**
 * Every value of {@link ImageKind}, in the order of the spec.
 *
 * @public
 */
export const imageKindValues: ReadonlyArray<
  components['schemas']['ImageKind']
> = ['managed', 'external'];
/**
 * Every value of {@link ImageListOrder}, in the order of the spec.
 *
 * @public
 */
export const imageListOrderValues: ReadonlyArray<
  components['schemas']['ImageListOrder']
> = ['staleness', 'name'];
/**
 * Every value of {@link RebuildPriority}, in the order of the spec.
 *
 * @public
 */
export const rebuildPriorityValues: ReadonlyArray<
  components['schemas']['RebuildPriority']
> = ['critical', 'high', 'normal', 'low'];
/**
 * Every value of {@link AnalysisStatus}, in the order of the spec.
 *
 * @public
 */
export const analysisStatusValues: ReadonlyArray<
  components['schemas']['AnalysisStatus']
> = ['ok', 'failed', 'pending'];
/**
 * Every value of {@link FreightOrigin}, in the order of the spec.
 *
 * @public
 */
export const freightOriginValues: ReadonlyArray<
  components['schemas']['FreightOrigin']
> = ['registry', 'kargo'];
/**
 * An alias of its definition in {@link components}.
 *
 * @public
 */
export const vulnerabilitySummaryStateValues: ReadonlyArray<
  components['schemas']['VulnerabilitySummary']['state']
> = ['reported', 'none', 'invalid', 'expired'];
/**
 * Every value of {@link SignatureState}, in the order of the spec.
 *
 * @public
 */
export const signatureStateValues: ReadonlyArray<
  components['schemas']['SignatureState']
> = ['verified', 'unsigned', 'invalid'];
/**
 * Every value of {@link SignatureMode}, in the order of the spec.
 *
 * @public
 */
export const signatureModeValues: ReadonlyArray<
  components['schemas']['SignatureMode']
> = ['warn', 'require'];
/**
 * Every value of {@link RebuildTriggerKind}, in the order of the spec.
 *
 * @public
 */
export const rebuildTriggerKindValues: ReadonlyArray<
  components['schemas']['RebuildTriggerKind']
> = ['auto', 'manual', 'emergency', 'evidence'];
/**
 * Every value of {@link RebuildProvider}, in the order of the spec.
 *
 * @public
 */
export const rebuildProviderValues: ReadonlyArray<
  components['schemas']['RebuildProvider']
> = ['github', 'gitlab'];
/**
 * Every value of {@link RebuildStatus}, in the order of the spec.
 *
 * @public
 */
export const rebuildStatusValues: ReadonlyArray<
  components['schemas']['RebuildStatus']
> = ['requested', 'dispatched', 'running', 'completed', 'failed'];
/**
 * Every value of {@link RebuildConclusion}, in the order of the spec.
 *
 * @public
 */
export const rebuildConclusionValues: ReadonlyArray<
  components['schemas']['RebuildConclusion']
> = ['success', 'failure', 'cancelled', 'timed-out', 'unknown'];
/**
 * Every value of {@link VerificationOutcome}, in the order of the spec.
 *
 * @public
 */
export const verificationOutcomeValues: ReadonlyArray<
  components['schemas']['VerificationOutcome']
> = ['verified', 'mismatch', 'unverifiable'];
/**
 * Every value of {@link DependencyGraphNodeKind}, in the order of the spec.
 *
 * @public
 */
export const dependencyGraphNodeKindValues: ReadonlyArray<
  components['schemas']['DependencyGraphNodeKind']
> = ['managed', 'external', 'base'];
/**
 * Every value of {@link PipelineRunStatus}, in the order of the spec.
 *
 * @public
 */
export const pipelineRunStatusValues: ReadonlyArray<
  components['schemas']['PipelineRunStatus']
> = ['queued', 'running', 'succeeded', 'failed'];
