/* eslint-disable */
// Generated from plugins/image-factory-backend/src/schema/openapi.yaml by
// `yarn generate:openapi`: do not edit. `make test` fails when it is stale.

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
     * @description Needs `image-factory.refresh` and the image's read permission.
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
     * @description An ordinary rebuild needs `image-factory.rebuild.create` and an eligible image; an emergency rebuild needs `image-factory.rebuild.emergency` and a justification, and bypasses the rebuild delay.
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
    /** A page of the enrolled images, by entity ref, with the base images they use and the edges between them. */
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
     * @description Needs `image-factory.refresh`.
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
     * @description Needs `image-factory.refresh`: a run's errors may name images the caller may not see.
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
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @description Backstage's standard error body, as its error handler writes it. */
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
    /** @description The 409 of a rebuild: `error.eligibleAt` is set when the image is not eligible yet. */
    RebuildConflictErrorBody: components['schemas']['ErrorBody'] & {
      error?: {
        /**
         * Format: date-time
         * @description When the image becomes eligible.
         */
        eligibleAt?: string;
      };
    };
    /**
     * @description Where a managed image stands on the way to its next rebuild (docs/eligibility.md, "States"). `up-to-date`: every base image is on its newest freight digest. `pending`: newer freight exists but has not aged past the rebuild delay yet. `eligible`: at least one newer digest has aged past the delay. `rebuilding`: a rebuild was triggered and its run is not finished. `failed`: the last trigger or run failed. `blocked`: analysis failed or no workflow is configured. `unknown`: no freight yet.
     * @enum {string}
     */
    EligibilityState:
      | 'up-to-date'
      | 'pending'
      | 'eligible'
      | 'rebuilding'
      | 'failed'
      | 'blocked'
      | 'unknown';
    /** @description The rebuild eligibility of one image. */
    Eligibility: {
      state: components['schemas']['EligibilityState'];
      /**
       * Format: date-time
       * @description When the image becomes eligible. Set for `pending`; for `eligible` it is the moment the first update aged past the delay.
       */
      eligibleAt?: string;
      /** @description Human-readable reasons for the state, e.g. "no workflow: rebuilds are manual-only" for `blocked`, or the trigger error for `failed`. */
      reasons: string[];
    };
    /**
     * @description A managed image is built from one of our Dockerfiles; an external image is a third-party image we run, monitored but never rebuilt.
     * @enum {string}
     */
    ImageKind: 'managed' | 'external';
    /**
     * @description Sort order of `GET /images`: `staleness` puts the image whose oldest pending update is oldest first; `name` sorts by entity ref.
     * @enum {string}
     */
    ImageListOrder: 'staleness' | 'name';
    /**
     * @description Order in which eligible images are rebuilt (`image-factory.io/priority`).
     * @enum {string}
     */
    RebuildPriority: 'critical' | 'high' | 'normal' | 'low';
    /** @description A bad annotation value, and what is wrong with it. */
    EnrollmentError: {
      annotation: string;
      message: string;
      /** @description The image cannot be rebuilt while this error stands (a rebuild target the entity may not use), rather than the field falling back to its default. */
      blocksRebuilds?: boolean;
    };
    /** @description Enrollment of an image, as read from its entity's annotations. */
    ImageEnrollment: {
      /** @description The image repository the entity builds, or the external image reference. */
      image: string;
      /** @description Dockerfile path; null for external images. */
      dockerfile: string | null;
      /** @description Where the source lives (`url:https://…/tree/main/`, `file:/…/`); null for external images or when unknown. */
      sourceLocation: string | null;
      /** @description Delay in annotation syntax (`7d`, `36h`, `90m`, `0`). */
      rebuildDelay: string;
      autoRebuild: boolean;
      /** @description Workflow file or pipeline ref; null when no build can be started (the image is blocked). */
      workflow: string | null;
      priority: components['schemas']['RebuildPriority'];
      /** @description The platforms the image is built for (`image-factory.io/platforms`, else `imageFactory.defaults.platforms`), sorted. Only a new base image digest that changes one of them makes the image stale. Absent from documents written before platforms were tracked. */
      platforms?: string[];
      errors: components['schemas']['EnrollmentError'][];
    };
    /**
     * @description Outcome of the Dockerfile analysis.
     * @enum {string}
     */
    AnalysisStatus: 'ok' | 'failed' | 'pending';
    /** @description Something the analysis could not resolve, with its Dockerfile line (1-based). */
    AnalysisWarning: {
      line: number;
      message: string;
    };
    /** @description The last Dockerfile analysis of a managed image. */
    ImageAnalysis: {
      status: components['schemas']['AnalysisStatus'];
      /**
       * Format: date-time
       * @description Null before the first analysis.
       */
      analyzedAt: string | null;
      error?: string;
      warnings: components['schemas']['AnalysisWarning'][];
      /** @description The `# syntax=` build frontend, reported but never a rebuild trigger. */
      frontend?: string;
    };
    /**
     * @description Where a freight record came from: the plugin's own registry discovery or Kargo `Freight` objects (`imageFactory.freightSource.type`).
     * @enum {string}
     */
    FreightOrigin: 'registry' | 'kargo';
    /** @description A discovered version of a monitored image. */
    Freight: {
      tag: string;
      digest: string;
      /**
       * Format: date-time
       * @description When the digest was first seen behind the tag.
       */
      firstSeen: string;
      source: components['schemas']['FreightOrigin'];
    };
    /** @description One change of the digest behind a base image's tag. */
    BaseImageUpdate: {
      /** @description The digest behind the tag: for a multi-platform image, the image index's. */
      digest: string;
      /** Format: date-time */
      firstSeen: string;
      /** @description Per platform (`linux/amd64`), the image manifest digest inside the index. Absent for a single-platform image or when discovery did not record them. */
      platformDigests?: {
        [key: string]: string;
      };
    };
    /** @description A base image of one managed image, with the digests that drive its eligibility. */
    ImageBaseImage: {
      /** @description Normalized reference, e.g. `docker.io/library/node:22-bookworm-slim`. */
      ref: string;
      /** @description The base image's name in the state repository (a DNS-1123 label). */
      name: string;
      /** @description The monitored tag, e.g. `22-bookworm-slim`, the tag of every entry of `updates`; empty for a reference pinned by digest alone. */
      tag: string;
      /** @description Where the digests of `updates` were discovered. */
      source: components['schemas']['FreightOrigin'];
      /** @description Digest the managed image was last built on; null when not known yet. */
      builtDigest: string | null;
      /** @description Newest freight digest; null before the first discovery. */
      latestDigest: string | null;
      /** @description Newest digest that changes a platform the image is built for: the newest such update, else `builtDigest`. Equal to `latestDigest` unless the index moved only for other platforms. Absent from documents written before platforms were tracked: `latestDigest` stands in. */
      latestRelevantDigest?: string | null;
      /** @description Newest digest that has aged past the rebuild delay; null when none has. */
      eligibleDigest: string | null;
      /**
       * Format: date-time
       * @description When the tag last moved; null before the first discovery.
       */
      lastUpdated: string | null;
      /** @description Why discovery failed for this base image, e.g. a registry error. */
      error?: string;
      /** @description Digest changes of the tag, newest first: the base image's freight, with the platform digests discovery recorded. */
      updates: components['schemas']['BaseImageUpdate'][];
      /** @description Entity refs of every managed image that uses this base image. */
      dependents: string[];
      /** @description Why a change of the multi-platform index did not make the image stale, e.g. only a platform the image is not built for was re-published. */
      platformNote?: string;
    };
    /** @description Links into the state repository. A link is null (or absent) when the state repository is local and has no browsable URL. */
    ImageStateLinks: {
      stateFile?: string | null;
      warehouseManifest?: string | null;
    };
    /** @description Paths of an image's files inside the state repository. */
    ImageStatePaths: {
      /** @description e.g. `state/images/payments.yaml`. */
      stateFile: string;
      /** @description e.g. `manifests/warehouses/payments.yaml`. */
      warehouseManifest?: string;
    };
    /** @description The full status of one enrolled entity. */
    ImageStatus: {
      entityRef: string;
      kind: components['schemas']['ImageKind'];
      /** @description Entity ref of the owner (`spec.owner`); null when the entity has none. */
      owner: string | null;
      enrollment: components['schemas']['ImageEnrollment'];
      analysis: components['schemas']['ImageAnalysis'];
      baseImages: components['schemas']['ImageBaseImage'][];
      /** @description Freight of the enrolled image's own repository, newest first: the versions of an external image, the builds of a managed one. */
      freight: components['schemas']['Freight'][];
      /** @description Entity refs of managed images whose Dockerfile uses this image. */
      dependents: string[];
      eligibility: components['schemas']['Eligibility'];
      /** @description Why the Image Factory holds the image as it is, besides its enrollment and analysis: its state file is invalid, or its entity is gone from the catalog while the mass-archive guard keeps it. Each is a reason of a `blocked` eligibility. Absent when there is none. */
      blockedBy?: string[];
      /** @description Newest first. */
      rebuilds: components['schemas']['RebuildRecord'][];
      /** @description How many emergency rebuilds this image has had. */
      emergencyRebuildCount: number;
      links: components['schemas']['ImageStateLinks'];
      paths?: components['schemas']['ImageStatePaths'];
    };
    /** @description One enrolled image in the fleet list. */
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
       * @description First-seen time of the oldest update the image is not built on.
       */
      staleSince?: string;
      baseImageCount: number;
      lastRebuild?: components['schemas']['RebuildRecord'];
    };
    /** @description A page of `GET /images`. */
    ImageList: {
      items: components['schemas']['ImageListItem'][];
      /** @description Number of images matching the filters, ignoring offset and limit. */
      totalCount: number;
      /** @description Emergency rebuilds of the whole fleet, whatever the filters. */
      emergencyRebuildCount: number;
    };
    /**
     * @description What caused a rebuild: the eligibility cycle, a person, or a person bypassing the rebuild delay.
     * @enum {string}
     */
    RebuildTriggerKind: 'auto' | 'manual' | 'emergency';
    /**
     * @description The CI system a rebuild was sent to.
     * @enum {string}
     */
    RebuildProvider: 'github' | 'gitlab';
    /**
     * @description Progress of a rebuild. `dispatched` means the request to start the run was sent but its outcome is unknown (the CI system answered 5xx, or the connection failed or timed out after sending): the run is looked for by the rebuild's id, and the rebuild is never sent again meanwhile. `failed` means the run never started: the CI system refused the trigger, or no run with the rebuild's id appeared in time; a run that started and failed is `completed` with a `failure` conclusion.
     * @enum {string}
     */
    RebuildStatus:
      | 'requested'
      | 'dispatched'
      | 'running'
      | 'completed'
      | 'failed';
    /**
     * @description Outcome of a completed rebuild run.
     * @enum {string}
     */
    RebuildConclusion:
      | 'success'
      | 'failure'
      | 'cancelled'
      | 'timed-out'
      | 'unknown';
    /** @description One rebuild attempt of a managed image, as recorded in its rebuild history. */
    RebuildRecord: {
      id: string;
      trigger: components['schemas']['RebuildTriggerKind'];
      /** @description Entity ref of the user, or the name of the service, that asked for it. */
      requestedBy: string;
      /** @description Required for emergency rebuilds. */
      justification?: string;
      /** Format: date-time */
      requestedAt: string;
      provider: components['schemas']['RebuildProvider'];
      /** @description Link to the CI run, once it is known. */
      runUrl?: string;
      status: components['schemas']['RebuildStatus'];
      conclusion?: components['schemas']['RebuildConclusion'];
      /** @description Why the trigger failed (HTTP status and message), when `status` is `failed`; what became of the request, when it is `dispatched`. */
      error?: string;
      /** @description Base image reference to the digest this rebuild builds on. */
      baseDigests: {
        [key: string]: string;
      };
    };
    /** @description Body of a rebuild request. */
    RebuildRequest: {
      /** @description Bypass the rebuild delay; needs `image-factory.rebuild.emergency`. */
      emergency?: boolean;
      /** @description Why the rebuild cannot wait. Required for emergency rebuilds: at least 20 characters and three words, on one line without control characters. */
      justification?: string;
    };
    /** @description The recorded rebuild attempt. */
    RebuildResponse: {
      rebuild: components['schemas']['RebuildRecord'];
      /** @description Ids of the stale active rebuilds this emergency rebuild superseded: they are recorded as `failed`, naming it. */
      supersededRebuildIds?: string[];
    };
    /** @description What `GET /base-images` and `GET /base-images/{name}` both say of a base image. */
    BaseImageFields: {
      /** @description Normalized reference, e.g. `docker.io/library/python:3.12-slim`. */
      ref: string;
      /** @description Name in the state repository (a DNS-1123 label); used in `/base-images/{name}`. */
      name: string;
      registry: string;
      repository: string;
      tag: string;
      /** @description Null before the first discovery. */
      currentDigest: string | null;
      /**
       * Format: date-time
       * @description Null before the first discovery.
       */
      lastUpdated: string | null;
      /** @description Entity refs of the managed images built on it. */
      dependents: string[];
      /** @description Why discovery failed, e.g. a registry error. */
      error?: string;
    };
    /** @description A monitored base image in `GET /base-images`. */
    BaseImageSummary: components['schemas']['BaseImageFields'];
    /** @description A page of the monitored base images, the most used first (then by reference). */
    BaseImageList: {
      items: components['schemas']['BaseImageSummary'][];
      /** @description Every monitored base image, ignoring offset and limit. */
      totalCount: number;
    };
    /** @description A base image with its update history. */
    BaseImageDetail: components['schemas']['BaseImageFields'] & {
      previousDigest: string | null;
      /** Format: date-time */
      firstDiscovered: string;
      /** @description Digest changes of the tag, newest first: the base image's freight, with the platform digests discovery recorded. */
      updates: components['schemas']['BaseImageUpdate'][];
    };
    /**
     * @description What a node of the dependency graph stands for.
     * @enum {string}
     */
    DependencyGraphNodeKind: 'managed' | 'external' | 'base';
    /** @description An image in the dependency graph. */
    DependencyGraphNode: {
      id: string;
      kind: components['schemas']['DependencyGraphNodeKind'];
      /** @description Short display name, e.g. the image reference. */
      label: string;
      /** @description Set for managed and external images. */
      entityRef?: string;
      state?: components['schemas']['EligibilityState'];
    };
    /** @description "`from` uses `to`": the image `from` is built on the base image `to`. */
    DependencyGraphEdge: {
      from: string;
      to: string;
    };
    /** @description A page of the enrolled images with the base images they use. */
    DependencyGraph: {
      nodes: components['schemas']['DependencyGraphNode'][];
      edges: components['schemas']['DependencyGraphEdge'][];
      /** @description Every enrolled image, ignoring offset and limit. */
      totalImageCount: number;
    };
    /** @description What one run of the whole pipeline did: the `summary` of a finished run. */
    RefreshSummary: {
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      finishedAt: string;
      /** @description Managed images whose Dockerfile was analysed. */
      analyzed: number;
      /** @description Distinct repository and tag pairs whose digest was resolved. */
      checked: number;
      /** @description New freight records found. */
      newFreight: number;
      rebuildsTriggered: number;
      /** @description The state repository commit; null when nothing changed. */
      commit: string | null;
      /** @description Per-item problems that did not stop the run. */
      errors: string[];
    };
    /**
     * @description Where a pipeline run stands: `queued` until a backend replica takes it.
     * @enum {string}
     */
    PipelineRunStatus: 'queued' | 'running' | 'succeeded' | 'failed';
    /** @description One run of the pipeline. */
    PipelineRun: {
      id: string;
      status: components['schemas']['PipelineRunStatus'];
      /**
       * Format: date-time
       * @description When the run was asked for.
       */
      queuedAt: string;
      /** Format: date-time */
      startedAt?: string;
      /** Format: date-time */
      finishedAt?: string;
      summary?: components['schemas']['RefreshSummary'];
      /** @description Once `failed`, why. */
      error?: string;
    };
  };
  responses: {
    /** @description The run queued (many requests share one queued run); `Location` is where to follow it. */
    RunQueued: {
      headers: {
        /** @description `/api/image-factory/runs/{id}` */
        Location?: string;
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['PipelineRun'];
      };
    };
    /** @description The request is invalid (a parameter the operation does not take counts too); `error.message` says how. */
    InputError: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ErrorBody'];
      };
    };
    /** @description No valid credentials. */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ErrorBody'];
      };
    };
    /** @description The caller may not do this. */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ErrorBody'];
      };
    };
    /** @description Not there, or hidden from the caller: the two answers are the same, so nothing is revealed. */
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
    /** @description The entity's namespace, e.g. `default`. */
    namespace: string;
    /** @description The entity's kind, e.g. `component`. */
    kind: string;
    /** @description The entity's name. */
    name: string;
    /** @description Skip this many items. */
    offset: number;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type ErrorBody = components['schemas']['ErrorBody'];
export type SerializedError = components['schemas']['SerializedError'];
export type RebuildConflictErrorBody =
  components['schemas']['RebuildConflictErrorBody'];
export type EligibilityState = components['schemas']['EligibilityState'];
export type Eligibility = components['schemas']['Eligibility'];
export type ImageKind = components['schemas']['ImageKind'];
export type ImageListOrder = components['schemas']['ImageListOrder'];
export type RebuildPriority = components['schemas']['RebuildPriority'];
export type EnrollmentError = components['schemas']['EnrollmentError'];
export type ImageEnrollment = components['schemas']['ImageEnrollment'];
export type AnalysisStatus = components['schemas']['AnalysisStatus'];
export type AnalysisWarning = components['schemas']['AnalysisWarning'];
export type ImageAnalysis = components['schemas']['ImageAnalysis'];
export type FreightOrigin = components['schemas']['FreightOrigin'];
export type Freight = components['schemas']['Freight'];
export type BaseImageUpdate = components['schemas']['BaseImageUpdate'];
export type ImageBaseImage = components['schemas']['ImageBaseImage'];
export type ImageStateLinks = components['schemas']['ImageStateLinks'];
export type ImageStatePaths = components['schemas']['ImageStatePaths'];
export type ImageStatus = components['schemas']['ImageStatus'];
export type ImageListItem = components['schemas']['ImageListItem'];
export type ImageList = components['schemas']['ImageList'];
export type RebuildTriggerKind = components['schemas']['RebuildTriggerKind'];
export type RebuildProvider = components['schemas']['RebuildProvider'];
export type RebuildStatus = components['schemas']['RebuildStatus'];
export type RebuildConclusion = components['schemas']['RebuildConclusion'];
export type RebuildRecord = components['schemas']['RebuildRecord'];
export type RebuildRequest = components['schemas']['RebuildRequest'];
export type RebuildResponse = components['schemas']['RebuildResponse'];
export type BaseImageFields = components['schemas']['BaseImageFields'];
export type BaseImageSummary = components['schemas']['BaseImageSummary'];
export type BaseImageList = components['schemas']['BaseImageList'];
export type BaseImageDetail = components['schemas']['BaseImageDetail'];
export type DependencyGraphNodeKind =
  components['schemas']['DependencyGraphNodeKind'];
export type DependencyGraphNode = components['schemas']['DependencyGraphNode'];
export type DependencyGraphEdge = components['schemas']['DependencyGraphEdge'];
export type DependencyGraph = components['schemas']['DependencyGraph'];
export type RefreshSummary = components['schemas']['RefreshSummary'];
export type PipelineRunStatus = components['schemas']['PipelineRunStatus'];
export type PipelineRun = components['schemas']['PipelineRun'];
export type ResponseRunQueued = components['responses']['RunQueued'];
export type ResponseInputError = components['responses']['InputError'];
export type ResponseUnauthorized = components['responses']['Unauthorized'];
export type ResponseForbidden = components['responses']['Forbidden'];
export type ResponseNotFound = components['responses']['NotFound'];
export type ParameterNamespace = components['parameters']['namespace'];
export type ParameterKind = components['parameters']['kind'];
export type ParameterName = components['parameters']['name'];
export type ParameterOffset = components['parameters']['offset'];
export type $defs = Record<string, never>;
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
      /** @description The plugin is up. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @constant */
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
        /** @description Skip this many items. */
        offset?: components['parameters']['offset'];
        /** @description At most this many items (default 100). */
        limit?: number;
        state?: components['schemas']['EligibilityState'];
        /** @description Owner entity ref, e.g. `group:default/payments`. */
        owner?: string;
        kind?: components['schemas']['ImageKind'];
        /** @description Case-insensitive match on entity ref and image. */
        search?: string;
        order?: components['schemas']['ImageListOrder'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The page. */
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
        /** @description The entity's namespace, e.g. `default`. */
        namespace: components['parameters']['namespace'];
        /** @description The entity's kind, e.g. `component`. */
        kind: components['parameters']['kind'];
        /** @description The entity's name. */
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The status. */
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
        /** @description The entity's namespace, e.g. `default`. */
        namespace: components['parameters']['namespace'];
        /** @description The entity's kind, e.g. `component`. */
        kind: components['parameters']['kind'];
        /** @description The entity's name. */
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
        /** @description The entity's namespace, e.g. `default`. */
        namespace: components['parameters']['namespace'];
        /** @description The entity's kind, e.g. `component`. */
        kind: components['parameters']['kind'];
        /** @description The entity's name. */
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
      /** @description The rebuild attempt, as recorded. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RebuildResponse'];
        };
      };
      /** @description The body is invalid (an emergency without a proper justification), or the image is external and never rebuilt. */
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
      /** @description The image is not eligible yet (`error.eligibleAt` says when it will be), or cannot be rebuilt now (it is blocked, or being rebuilt). */
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
        /** @description Skip this many items. */
        offset?: components['parameters']['offset'];
        /** @description At most this many items (default 100). */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The page. */
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
        /** @description The base image's name in the state repository. */
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The base image. */
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
        /** @description Skip this many items. */
        offset?: components['parameters']['offset'];
        /** @description At most this many images (default 200). */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The page of the graph. */
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
      /** @description The run. */
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
type FlattenedDeepRequired<T> = {
  [K in keyof T]-?: FlattenedDeepRequired<
    T[K] extends unknown[] | undefined | null
      ? Extract<T[K], unknown[]>[number]
      : T[K]
  >;
};
type ReadonlyArray<T> = [Exclude<T, undefined>] extends [unknown[]]
  ? Readonly<Exclude<T, undefined>>
  : Readonly<Exclude<T, undefined>[]>;
export const eligibilityStateValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['EligibilityState']
> = [
  'up-to-date',
  'pending',
  'eligible',
  'rebuilding',
  'failed',
  'blocked',
  'unknown',
];
export const imageKindValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['ImageKind']
> = ['managed', 'external'];
export const imageListOrderValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['ImageListOrder']
> = ['staleness', 'name'];
export const rebuildPriorityValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['RebuildPriority']
> = ['critical', 'high', 'normal', 'low'];
export const analysisStatusValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['AnalysisStatus']
> = ['ok', 'failed', 'pending'];
export const freightOriginValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['FreightOrigin']
> = ['registry', 'kargo'];
export const rebuildTriggerKindValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['RebuildTriggerKind']
> = ['auto', 'manual', 'emergency'];
export const rebuildProviderValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['RebuildProvider']
> = ['github', 'gitlab'];
export const rebuildStatusValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['RebuildStatus']
> = ['requested', 'dispatched', 'running', 'completed', 'failed'];
export const rebuildConclusionValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['RebuildConclusion']
> = ['success', 'failure', 'cancelled', 'timed-out', 'unknown'];
export const dependencyGraphNodeKindValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['DependencyGraphNodeKind']
> = ['managed', 'external', 'base'];
export const pipelineRunStatusValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['PipelineRunStatus']
> = ['queued', 'running', 'succeeded', 'failed'];
