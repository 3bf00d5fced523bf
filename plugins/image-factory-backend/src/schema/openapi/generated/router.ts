/* eslint-disable */
// Generated from plugins/image-factory-backend/src/schema/openapi.yaml by
// `yarn generate:openapi`: do not edit. `make test` fails when it is stale.

import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The HTTP contract, as the router and its validation read it. */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'image-factory',
    version: '1',
    description:
      "The Image Factory's HTTP API, mounted at `/api/image-factory`. This file is the contract: the backend's router, the shared types and the client are generated from it (`yarn generate:openapi`), and the router tests check every answer against it.",
    license: {
      name: 'Apache-2.0',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  security: [
    {},
    {
      JWT: [],
    },
  ],
  paths: {
    '/health': {
      get: {
        operationId: 'getHealth',
        summary: 'Whether the backend answers; needs no credentials.',
        security: [{}],
        responses: {
          '200': {
            description: 'The plugin is up.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['status'],
                  properties: {
                    status: {
                      type: 'string',
                      const: 'ok',
                    },
                  },
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/InputError',
          },
        },
      },
    },
    '/images': {
      get: {
        operationId: 'listImages',
        summary:
          'A page of the enrolled images whose entity the caller may read.',
        parameters: [
          {
            $ref: '#/components/parameters/offset',
          },
          {
            name: 'limit',
            in: 'query',
            description: 'At most this many items (default 100).',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
          {
            $ref: '#/components/parameters/state',
          },
          {
            $ref: '#/components/parameters/owner',
          },
          {
            name: 'kind',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/ImageKind',
            },
          },
          {
            name: 'baseImage',
            in: 'query',
            description:
              'Only the images built on this base image, by its name in the state repository (as in `/base-images/{name}`); none when no base image has that name.',
            schema: {
              type: 'string',
              minLength: 1,
            },
          },
          {
            $ref: '#/components/parameters/search',
          },
          {
            name: 'order',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/ImageListOrder',
            },
          },
        ],
        responses: {
          '200': {
            description: 'The page.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ImageList',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/InputError',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
        },
      },
    },
    '/images/{namespace}/{kind}/{name}': {
      get: {
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        operationId: 'getImage',
        summary: 'The full status of one enrolled entity.',
        responses: {
          '200': {
            description: 'The status.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ImageStatus',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/InputError',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/images/{namespace}/{kind}/{name}/analyze': {
      post: {
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        operationId: 'analyzeImage',
        summary: "Queues a run that analyses this entity's Dockerfile again.",
        description:
          "Needs `image-factory.refresh` and the image's read permission.",
        responses: {
          '202': {
            $ref: '#/components/responses/RunQueued',
          },
          '400': {
            $ref: '#/components/responses/InputError',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/images/{namespace}/{kind}/{name}/rebuild': {
      post: {
        parameters: [
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        operationId: 'rebuildImage',
        summary: 'Starts a rebuild of a managed image.',
        description:
          'An ordinary rebuild needs `image-factory.rebuild.create` and an eligible image; an emergency rebuild needs `image-factory.rebuild.emergency` and a justification, and bypasses the rebuild delay.',
        requestBody: {
          required: false,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/RebuildRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The rebuild attempt, as recorded.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RebuildResponse',
                },
              },
            },
          },
          '400': {
            description:
              'The body is invalid (an emergency without a proper justification), or the image is external and never rebuilt.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ErrorBody',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '409': {
            description:
              'The image is not eligible yet (`error.eligibleAt` says when it will be), or cannot be rebuilt now (it is blocked, or being rebuilt).',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RebuildConflictErrorBody',
                },
              },
            },
          },
        },
      },
    },
    '/base-images': {
      get: {
        operationId: 'listBaseImages',
        summary: 'A page of the monitored base images, the most used first.',
        parameters: [
          {
            $ref: '#/components/parameters/offset',
          },
          {
            name: 'limit',
            in: 'query',
            description: 'At most this many items (default 100).',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The page.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BaseImageList',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/InputError',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
        },
      },
    },
    '/base-images/{name}': {
      get: {
        parameters: [
          {
            name: 'name',
            in: 'path',
            required: true,
            description: "The base image's name in the state repository.",
            schema: {
              type: 'string',
            },
          },
        ],
        operationId: 'getBaseImage',
        summary: 'A base image with its update history.',
        responses: {
          '200': {
            description: 'The base image.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BaseImageDetail',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/InputError',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
    '/graph': {
      get: {
        operationId: 'getGraph',
        summary:
          'A page of the enrolled images whose entity the caller may read, by entity ref, with the base images they use and the edges between them; filtered by state, owner and text as `/images` is.',
        parameters: [
          {
            $ref: '#/components/parameters/offset',
          },
          {
            name: 'limit',
            in: 'query',
            description: 'At most this many images (default 200).',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
          {
            $ref: '#/components/parameters/state',
          },
          {
            $ref: '#/components/parameters/owner',
          },
          {
            $ref: '#/components/parameters/search',
          },
        ],
        responses: {
          '200': {
            description: 'The page of the graph.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/DependencyGraph',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/InputError',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
        },
      },
    },
    '/refresh': {
      post: {
        operationId: 'refresh',
        summary: 'Queues a run of the whole pipeline, or joins the one queued.',
        description: 'Needs `image-factory.refresh`.',
        responses: {
          '202': {
            $ref: '#/components/responses/RunQueued',
          },
          '400': {
            $ref: '#/components/responses/InputError',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
        },
      },
    },
    '/runs/{id}': {
      get: {
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
            },
          },
        ],
        operationId: 'getRun',
        summary: 'One run of the pipeline.',
        description:
          "Needs `image-factory.refresh`: a run's errors may name images the caller may not see.",
        responses: {
          '200': {
            description: 'The run.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/PipelineRun',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/InputError',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      JWT: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      },
    },
    parameters: {
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        description: "The entity's namespace, e.g. `default`.",
        schema: {
          type: 'string',
        },
      },
      kind: {
        name: 'kind',
        in: 'path',
        required: true,
        description: "The entity's kind, e.g. `component`.",
        schema: {
          type: 'string',
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        description: "The entity's name.",
        schema: {
          type: 'string',
        },
      },
      offset: {
        name: 'offset',
        in: 'query',
        description: 'Skip this many items.',
        schema: {
          type: 'integer',
          minimum: 0,
        },
      },
      state: {
        name: 'state',
        in: 'query',
        schema: {
          $ref: '#/components/schemas/EligibilityState',
        },
      },
      owner: {
        name: 'owner',
        in: 'query',
        description: 'Owner entity ref, e.g. `group:default/payments`.',
        allowReserved: true,
        schema: {
          type: 'string',
          minLength: 1,
        },
      },
      search: {
        name: 'search',
        in: 'query',
        description: 'Case-insensitive match on entity ref and image.',
        allowReserved: true,
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 200,
        },
      },
    },
    responses: {
      RunQueued: {
        description:
          'The run queued (many requests share one queued run); `Location` is where to follow it.',
        headers: {
          Location: {
            description: '`/api/image-factory/runs/{id}`',
            schema: {
              type: 'string',
            },
          },
        },
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/PipelineRun',
            },
          },
        },
      },
      InputError: {
        description:
          'The request is invalid (a parameter the operation does not take counts too); `error.message` says how.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/ErrorBody',
            },
          },
        },
      },
      Unauthorized: {
        description: 'No valid credentials.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/ErrorBody',
            },
          },
        },
      },
      Forbidden: {
        description: 'The caller may not do this.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/ErrorBody',
            },
          },
        },
      },
      NotFound: {
        description:
          'Not there, or hidden from the caller: the two answers are the same, so nothing is revealed.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/ErrorBody',
            },
          },
        },
      },
    },
    schemas: {
      ErrorBody: {
        type: 'object',
        description:
          "Backstage's standard error body, as its error handler writes it.",
        required: ['error', 'response'],
        properties: {
          error: {
            $ref: '#/components/schemas/SerializedError',
          },
          request: {
            type: 'object',
            required: ['method', 'url'],
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
          },
          response: {
            type: 'object',
            required: ['statusCode'],
            properties: {
              statusCode: {
                type: 'integer',
              },
            },
          },
        },
      },
      SerializedError: {
        type: 'object',
        required: ['name', 'message'],
        properties: {
          name: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
          stack: {
            type: 'string',
          },
        },
      },
      RebuildConflictErrorBody: {
        description:
          'The 409 of a rebuild: `error.eligibleAt` is set when the image is not eligible yet.',
        allOf: [
          {
            $ref: '#/components/schemas/ErrorBody',
          },
          {
            type: 'object',
            properties: {
              error: {
                type: 'object',
                properties: {
                  eligibleAt: {
                    type: 'string',
                    format: 'date-time',
                    description: 'When the image becomes eligible.',
                  },
                },
              },
            },
          },
        ],
      },
      EligibilityState: {
        description:
          'Where a managed image stands on the way to its next rebuild (docs/eligibility.md, "States"). `up-to-date`: every base image is on its newest freight digest. `pending`: newer freight exists but has not aged past the rebuild delay yet. `eligible`: at least one newer digest has aged past the delay. `rebuilding`: a rebuild was triggered and its run is not finished. `failed`: the last trigger or run failed. `blocked`: analysis failed or no workflow is configured. `unknown`: no freight yet.',
        type: 'string',
        enum: [
          'up-to-date',
          'pending',
          'eligible',
          'rebuilding',
          'failed',
          'blocked',
          'unknown',
        ],
      },
      Eligibility: {
        description: 'The rebuild eligibility of one image.',
        type: 'object',
        additionalProperties: false,
        required: ['state', 'reasons'],
        properties: {
          state: {
            $ref: '#/components/schemas/EligibilityState',
          },
          eligibleAt: {
            type: 'string',
            format: 'date-time',
            description:
              'When the image becomes eligible. Set for `pending`, unless the image waits for a managed image it builds on to be rebuilt first; for `eligible` it is the moment the first update aged past the delay.',
          },
          reasons: {
            type: 'array',
            description:
              'Human-readable reasons for the state, e.g. "no workflow: rebuilds are manual-only" for `blocked`, or the trigger error for `failed`.',
            items: {
              type: 'string',
            },
          },
          fixes: {
            type: 'array',
            description:
              'Set when the image is eligible before the delay on evidence (`imageFactory.supplyChain.bypassSeverity`): the vulnerability ids at or above that severity that the built digests have and the newer digests do not. The rebuild is then an `evidence` rebuild with these ids as its justification.',
            items: {
              type: 'string',
            },
          },
        },
      },
      ImageKind: {
        description:
          'A managed image is built from one of our Dockerfiles; an external image is a third-party image we run, monitored but never rebuilt.',
        type: 'string',
        enum: ['managed', 'external'],
      },
      ImageListOrder: {
        description:
          'Sort order of `GET /images`: `staleness` puts the images whose newest base image digests fix the most critical vulnerabilities of their built ones first (`upstreamCriticalFixes`), then the image whose oldest pending update is oldest; `name` sorts by entity ref.',
        type: 'string',
        enum: ['staleness', 'name'],
      },
      RebuildPriority: {
        description:
          'Order in which eligible images are rebuilt (`image-factory.io/priority`).',
        type: 'string',
        enum: ['critical', 'high', 'normal', 'low'],
      },
      EnrollmentError: {
        description: 'A bad annotation value, and what is wrong with it.',
        type: 'object',
        additionalProperties: false,
        required: ['annotation', 'message'],
        properties: {
          annotation: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
          blocksRebuilds: {
            type: 'boolean',
            description:
              'The image cannot be rebuilt while this error stands (a rebuild target the entity may not use), rather than the field falling back to its default.',
          },
        },
      },
      ImageEnrollment: {
        description:
          "Enrollment of an image, as read from its entity's annotations.",
        type: 'object',
        additionalProperties: false,
        required: [
          'image',
          'dockerfile',
          'sourceLocation',
          'rebuildDelay',
          'autoRebuild',
          'workflow',
          'priority',
          'errors',
        ],
        properties: {
          image: {
            type: 'string',
            description:
              'The image repository the entity builds, or the external image reference.',
          },
          dockerfile: {
            type: ['string', 'null'],
            description: 'Dockerfile path; null for external images.',
          },
          sourceLocation: {
            type: ['string', 'null'],
            description:
              'Where the source lives (`url:https://…/tree/main/`, `file:/…/`); null for external images or when unknown.',
          },
          rebuildDelay: {
            type: 'string',
            description:
              'Delay in annotation syntax (`7d`, `36h`, `90m`, `0`).',
          },
          autoRebuild: {
            type: 'boolean',
          },
          workflow: {
            type: ['string', 'null'],
            description:
              'Workflow file or pipeline ref; null when no build can be started (the image is blocked).',
          },
          priority: {
            $ref: '#/components/schemas/RebuildPriority',
          },
          platforms: {
            type: 'array',
            description:
              'The platforms the image is built for (`image-factory.io/platforms`, else `imageFactory.defaults.platforms`), sorted. Only a new base image digest that changes one of them makes the image stale. Absent from documents written before platforms were tracked.',
            items: {
              type: 'string',
            },
          },
          errors: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EnrollmentError',
            },
          },
        },
      },
      AnalysisStatus: {
        description: 'Outcome of the Dockerfile analysis.',
        type: 'string',
        enum: ['ok', 'failed', 'pending'],
      },
      AnalysisWarning: {
        description:
          'Something the analysis could not resolve, with its Dockerfile line (1-based).',
        type: 'object',
        additionalProperties: false,
        required: ['line', 'message'],
        properties: {
          line: {
            type: 'integer',
          },
          message: {
            type: 'string',
          },
        },
      },
      ImageAnalysis: {
        description: 'The last Dockerfile analysis of a managed image.',
        type: 'object',
        additionalProperties: false,
        required: ['status', 'analyzedAt', 'warnings'],
        properties: {
          status: {
            $ref: '#/components/schemas/AnalysisStatus',
          },
          analyzedAt: {
            type: ['string', 'null'],
            format: 'date-time',
            description: 'Null before the first analysis.',
          },
          error: {
            type: 'string',
          },
          warnings: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/AnalysisWarning',
            },
          },
          frontend: {
            type: 'string',
            description:
              'The `# syntax=` build frontend, reported but never a rebuild trigger.',
          },
        },
      },
      FreightOrigin: {
        description:
          "Where a freight record came from: the plugin's own registry discovery or Kargo `Freight` objects (`imageFactory.freightSource.type`).",
        type: 'string',
        enum: ['registry', 'kargo'],
      },
      Freight: {
        description: 'A discovered version of a monitored image.',
        type: 'object',
        additionalProperties: false,
        required: ['tag', 'digest', 'firstSeen', 'source'],
        properties: {
          tag: {
            type: 'string',
          },
          digest: {
            type: 'string',
          },
          firstSeen: {
            type: 'string',
            format: 'date-time',
            description: 'When the digest was first seen behind the tag.',
          },
          source: {
            $ref: '#/components/schemas/FreightOrigin',
          },
        },
      },
      BaseImageUpdate: {
        description: "One change of the digest behind a base image's tag.",
        type: 'object',
        additionalProperties: false,
        required: ['digest', 'firstSeen'],
        properties: {
          digest: {
            type: 'string',
            description:
              "The digest behind the tag: for a multi-platform image, the image index's.",
          },
          firstSeen: {
            type: 'string',
            format: 'date-time',
          },
          platformDigests: {
            type: 'object',
            description:
              'Per platform (`linux/amd64`), the image manifest digest inside the index. Absent for a single-platform image or when discovery did not record them.',
            additionalProperties: {
              type: 'string',
            },
          },
          signature: {
            $ref: '#/components/schemas/SignatureCheck',
          },
          vulnerabilities: {
            $ref: '#/components/schemas/VulnerabilitySummary',
          },
        },
      },
      VulnerabilitySummary: {
        description:
          "What a signed cosign vulnerability attestation of the digest says, in short: counts by severity and the ids at or above the configured severity (`imageFactory.supplyChain.vulnerabilities.listSeverity`). Absent when no signing key is configured for the repository, or before the digest's first check.",
        type: 'object',
        additionalProperties: false,
        required: ['state', 'detail'],
        properties: {
          state: {
            description:
              '`reported`: a vulnerability attestation signed by a configured key and scanned within `maxAge`. `none`: no attestation. `invalid`: attestations are there, but none verifies for this digest. `expired`: the newest verified one is older than `maxAge`.',
            type: 'string',
            enum: ['reported', 'none', 'invalid', 'expired'],
          },
          detail: {
            type: 'string',
            description:
              'One sentence, e.g. "Scanned by trivy 0.58.1 on 2026-12-03".',
          },
          scannedAt: {
            type: 'string',
            format: 'date-time',
            description: 'When the scan finished, as the attestation says.',
          },
          counts: {
            type: 'object',
            additionalProperties: false,
            required: ['critical', 'high', 'medium', 'low', 'unknown'],
            properties: {
              critical: {
                type: 'integer',
                minimum: 0,
              },
              high: {
                type: 'integer',
                minimum: 0,
              },
              medium: {
                type: 'integer',
                minimum: 0,
              },
              low: {
                type: 'integer',
                minimum: 0,
              },
              unknown: {
                type: 'integer',
                minimum: 0,
              },
            },
          },
          ids: {
            type: 'object',
            description:
              'The vulnerability ids (CVE-…, GHSA-…) of each severity at or above the listed one, sorted, at most 100 in all, the most severe first.',
            additionalProperties: false,
            properties: {
              critical: {
                type: 'array',
                items: {
                  type: 'string',
                },
              },
              high: {
                type: 'array',
                items: {
                  type: 'string',
                },
              },
              medium: {
                type: 'array',
                items: {
                  type: 'string',
                },
              },
              low: {
                type: 'array',
                items: {
                  type: 'string',
                },
              },
            },
          },
        },
      },
      SignatureCheck: {
        description:
          "What the Image Factory found of a cosign signature for one digest, by the public keys configured for its repository (`imageFactory.supplyChain.signatures`). Absent from an update when no key is configured for the repository, or before the digest's first check.",
        type: 'object',
        additionalProperties: false,
        required: ['state', 'detail'],
        properties: {
          state: {
            $ref: '#/components/schemas/SignatureState',
          },
          detail: {
            type: 'string',
            description:
              'One sentence: the key that verified the signature, or why none did, e.g. "no signature: the registry has no tag sha256-….sig".',
          },
        },
      },
      SignatureState: {
        description:
          '`verified`: a signature for this digest and repository verifies with a configured key. `unsigned`: the registry holds no signature for it. `invalid`: signatures are there, but none verifies with a configured key, or none is for this digest and repository.',
        type: 'string',
        enum: ['verified', 'unsigned', 'invalid'],
      },
      SignatureMode: {
        description:
          'How signatures count for a base image: `warn` shows them; `require` never rebuilds onto a digest whose signature is not verified.',
        type: 'string',
        enum: ['warn', 'require'],
      },
      ImageBaseImage: {
        description:
          'A base image of one managed image, with the digests that drive its eligibility.',
        type: 'object',
        additionalProperties: false,
        required: [
          'ref',
          'name',
          'builtDigest',
          'latestDigest',
          'eligibleDigest',
          'lastUpdated',
          'tag',
          'source',
          'updates',
          'dependents',
        ],
        properties: {
          ref: {
            type: 'string',
            description:
              'Normalized reference, e.g. `docker.io/library/node:22-bookworm-slim`.',
          },
          name: {
            type: 'string',
            description:
              "The base image's name in the state repository (a DNS-1123 label).",
          },
          tag: {
            type: 'string',
            description:
              'The monitored tag, e.g. `22-bookworm-slim`, the tag of every entry of `updates`; empty for a reference pinned by digest alone.',
          },
          source: {
            $ref: '#/components/schemas/FreightOrigin',
            description: 'Where the digests of `updates` were discovered.',
          },
          builtDigest: {
            type: ['string', 'null'],
            description:
              'Digest the managed image was last built on; null when not known yet.',
          },
          latestDigest: {
            type: ['string', 'null'],
            description:
              'Newest freight digest; null before the first discovery.',
          },
          latestRelevantDigest: {
            type: ['string', 'null'],
            description:
              'Newest digest that changes a platform the image is built for: the newest such update, else `builtDigest`. Equal to `latestDigest` unless the index moved only for other platforms. Absent from documents written before platforms were tracked: `latestDigest` stands in.',
          },
          eligibleDigest: {
            type: ['string', 'null'],
            description:
              'Newest digest that has aged past the rebuild delay; null when none has.',
          },
          lastUpdated: {
            type: ['string', 'null'],
            format: 'date-time',
            description:
              'When the tag last moved; null before the first discovery.',
          },
          error: {
            type: 'string',
            description:
              'Why discovery failed for this base image, e.g. a registry error.',
          },
          updates: {
            type: 'array',
            description:
              "Digest changes of the tag, newest first: the base image's freight, with the platform digests discovery recorded.",
            items: {
              $ref: '#/components/schemas/BaseImageUpdate',
            },
          },
          dependents: {
            type: 'array',
            description:
              'Entity refs of every managed image that uses this base image.',
            items: {
              type: 'string',
            },
          },
          platforms: {
            type: 'array',
            description:
              'The platforms of the image that its Dockerfile uses this base image for, sorted, when only some of them do (`FROM golang:1.22-$TARGETARCH`); only their manifests make the image stale. Absent when every platform uses it.',
            items: {
              type: 'string',
            },
          },
          signatureMode: {
            $ref: '#/components/schemas/SignatureMode',
            description:
              "Set when a signing key is configured for the base image's repository (`imageFactory.supplyChain.signatures`).",
          },
          builtBy: {
            type: 'string',
            description:
              'Entity ref of the managed image that builds this base image: it is an internal base image, and this image is built after it in the chain. Absent for an upstream image.',
          },
          delay: {
            type: 'string',
            description:
              "The delay of this base image when it is not the image's own: an internal base image whose newest digest a rebuild of the Image Factory pushed is trusted after `imageFactory.defaults.internalDelay` (default `0`).",
          },
          platformNote: {
            type: 'string',
            description:
              'Why a change of the multi-platform index did not make the image stale, e.g. only a platform the image is not built for was re-published.',
          },
        },
      },
      ImageStateLinks: {
        description:
          'Links into the state repository. A link is null (or absent) when the state repository is local and has no browsable URL.',
        type: 'object',
        additionalProperties: false,
        properties: {
          stateFile: {
            type: ['string', 'null'],
          },
          warehouseManifest: {
            type: ['string', 'null'],
          },
        },
      },
      ImageStatePaths: {
        description:
          "Paths of an image's or a base image's files inside the state repository; a base image's Warehouse watches its tag for new digests.",
        type: 'object',
        additionalProperties: false,
        required: ['stateFile'],
        properties: {
          stateFile: {
            type: 'string',
            description:
              'e.g. `state/images/payments.yaml`, or `state/base-images/docker-io-library-node-22.yaml`.',
          },
          warehouseManifest: {
            type: 'string',
            description: 'e.g. `manifests/warehouses/payments.yaml`.',
          },
        },
      },
      ImageStatus: {
        description: 'The full status of one enrolled entity.',
        type: 'object',
        additionalProperties: false,
        required: [
          'entityRef',
          'kind',
          'owner',
          'enrollment',
          'analysis',
          'baseImages',
          'freight',
          'dependents',
          'eligibility',
          'rebuilds',
          'emergencyRebuildCount',
          'links',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          kind: {
            $ref: '#/components/schemas/ImageKind',
          },
          owner: {
            type: ['string', 'null'],
            description:
              'Entity ref of the owner (`spec.owner`); null when the entity has none.',
          },
          enrollment: {
            $ref: '#/components/schemas/ImageEnrollment',
          },
          analysis: {
            $ref: '#/components/schemas/ImageAnalysis',
          },
          baseImages: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ImageBaseImage',
            },
          },
          freight: {
            type: 'array',
            description:
              "Freight of the enrolled image's own repository, newest first: the versions of an external image, the builds of a managed one.",
            items: {
              $ref: '#/components/schemas/Freight',
            },
          },
          dependents: {
            type: 'array',
            description:
              'Entity refs of managed images whose Dockerfile uses this image.',
            items: {
              type: 'string',
            },
          },
          eligibility: {
            $ref: '#/components/schemas/Eligibility',
          },
          blockedBy: {
            type: 'array',
            description:
              'Why the Image Factory holds the image as it is, besides its enrollment and analysis: its state file is invalid, or its entity is gone from the catalog while the mass-archive guard keeps it. Each is a reason of a `blocked` eligibility. Absent when there is none.',
            items: {
              type: 'string',
            },
          },
          rebuilds: {
            type: 'array',
            description: 'Newest first.',
            items: {
              $ref: '#/components/schemas/RebuildRecord',
            },
          },
          emergencyRebuildCount: {
            type: 'integer',
            minimum: 0,
            description:
              'How many rebuilds of this image bypassed the delay: emergency rebuilds and evidence rebuilds.',
          },
          links: {
            $ref: '#/components/schemas/ImageStateLinks',
          },
          paths: {
            $ref: '#/components/schemas/ImageStatePaths',
          },
        },
      },
      ImageListItem: {
        description: 'One enrolled image in the fleet list.',
        type: 'object',
        additionalProperties: false,
        required: [
          'entityRef',
          'kind',
          'image',
          'owner',
          'eligibility',
          'baseImageCount',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          kind: {
            $ref: '#/components/schemas/ImageKind',
          },
          image: {
            type: 'string',
          },
          owner: {
            type: ['string', 'null'],
          },
          eligibility: {
            type: 'object',
            additionalProperties: false,
            required: ['state'],
            properties: {
              state: {
                $ref: '#/components/schemas/EligibilityState',
              },
              eligibleAt: {
                type: 'string',
                format: 'date-time',
              },
            },
          },
          staleSince: {
            type: 'string',
            format: 'date-time',
            description:
              'First-seen time of the oldest update the image is not built on.',
          },
          upstreamCriticalFixes: {
            type: 'integer',
            minimum: 1,
            description:
              'How many critical vulnerabilities of the digests the image is built on the newest base image digests fix (both with a current scan); absent for none.',
          },
          baseImageCount: {
            type: 'integer',
            minimum: 0,
          },
          lastRebuild: {
            $ref: '#/components/schemas/RebuildRecord',
          },
        },
      },
      ImageList: {
        description: 'A page of `GET /images`.',
        type: 'object',
        additionalProperties: false,
        required: ['items', 'totalCount', 'emergencyRebuildCount'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ImageListItem',
            },
          },
          totalCount: {
            type: 'integer',
            minimum: 0,
            description:
              'Number of images matching the filters, ignoring offset and limit.',
          },
          emergencyRebuildCount: {
            type: 'integer',
            minimum: 0,
            description:
              'Rebuilds of the whole fleet that bypassed the delay, emergency and evidence ones, whatever the filters.',
          },
        },
      },
      RebuildTriggerKind: {
        description:
          'What caused a rebuild: the eligibility cycle, a person, a person bypassing the rebuild delay, or the plugin bypassing it on evidence (`evidence`: a newer digest fixes vulnerabilities the built one has).',
        type: 'string',
        enum: ['auto', 'manual', 'emergency', 'evidence'],
      },
      RebuildProvider: {
        description: 'The CI system a rebuild was sent to.',
        type: 'string',
        enum: ['github', 'gitlab'],
      },
      RebuildStatus: {
        description:
          "Progress of a rebuild. `dispatched` means the request to start the run was sent but its outcome is unknown (the CI system answered 5xx, or the connection failed or timed out after sending): the run is looked for by the rebuild's id, and the rebuild is never sent again meanwhile. `failed` means the run never started: the CI system refused the trigger, or no run with the rebuild's id appeared in time; a run that started and failed is `completed` with a `failure` conclusion.",
        type: 'string',
        enum: ['requested', 'dispatched', 'running', 'completed', 'failed'],
      },
      RebuildConclusion: {
        description: 'Outcome of a completed rebuild run.',
        type: 'string',
        enum: ['success', 'failure', 'cancelled', 'timed-out', 'unknown'],
      },
      RebuildRecord: {
        description:
          'One rebuild attempt of a managed image, as recorded in its rebuild history.',
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'trigger',
          'requestedBy',
          'requestedAt',
          'provider',
          'status',
          'baseDigests',
        ],
        properties: {
          id: {
            type: 'string',
          },
          trigger: {
            $ref: '#/components/schemas/RebuildTriggerKind',
          },
          requestedBy: {
            type: 'string',
            description:
              'Entity ref of the user, or the name of the service, that asked for it.',
          },
          justification: {
            type: 'string',
            description: 'Required for emergency rebuilds.',
          },
          requestedAt: {
            type: 'string',
            format: 'date-time',
          },
          provider: {
            $ref: '#/components/schemas/RebuildProvider',
          },
          runUrl: {
            type: 'string',
            description: 'Link to the CI run, once it is known.',
          },
          status: {
            $ref: '#/components/schemas/RebuildStatus',
          },
          conclusion: {
            $ref: '#/components/schemas/RebuildConclusion',
          },
          error: {
            type: 'string',
            description:
              'Why the trigger failed (HTTP status and message), when `status` is `failed`; what became of the request, when it is `dispatched`.',
          },
          baseDigests: {
            type: 'object',
            description:
              'Base image reference to the digest this rebuild builds on.',
            additionalProperties: {
              type: 'string',
            },
          },
          verification: {
            $ref: '#/components/schemas/RebuildVerification',
          },
        },
      },
      VerificationOutcome: {
        description:
          "What the registry says of a successful rebuild's image: `verified`, it is on every digest asked for; `mismatch`, it is on another digest of a base image; `unverifiable`, nothing in the image says.",
        type: 'string',
        enum: ['verified', 'mismatch', 'unverifiable'],
      },
      BaseImageVerification: {
        description:
          'What the pushed image says of one base image of the rebuild.',
        type: 'object',
        additionalProperties: false,
        required: ['ref', 'outcome', 'method', 'digest'],
        properties: {
          ref: {
            type: 'string',
          },
          outcome: {
            $ref: '#/components/schemas/VerificationOutcome',
          },
          method: {
            type: ['string', 'null'],
            enum: ['annotations', 'provenance', 'layers', null],
            description:
              "What decided: the `org.opencontainers.image.base.*` annotations or labels, an SLSA provenance attestation's materials, or the base image's layers being the first layers of the image; null when nothing could.",
          },
          digest: {
            type: ['string', 'null'],
            description: 'The digest the image is on, when a method found it.',
          },
        },
      },
      RebuildVerification: {
        description:
          'The check, once the run succeeded, that the image it pushed is built on the digests the rebuild asked for (docs/eligibility.md, "Verified rebuilds"). Only a verified or unverifiable rebuild moves the built digests; a mismatch leaves the image stale.',
        type: 'object',
        additionalProperties: false,
        required: ['outcome', 'checkedAt', 'image', 'detail', 'baseImages'],
        properties: {
          outcome: {
            $ref: '#/components/schemas/VerificationOutcome',
          },
          checkedAt: {
            type: 'string',
            format: 'date-time',
          },
          image: {
            type: ['string', 'null'],
            description:
              'The image read, `repository:tag@digest`; null when the tag holds no image pushed since the rebuild was sent.',
          },
          detail: {
            type: 'string',
            description:
              'One sentence for people, naming what decided or what was missing.',
          },
          baseImages: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/BaseImageVerification',
            },
          },
        },
      },
      RebuildRequest: {
        description: 'Body of a rebuild request.',
        type: 'object',
        additionalProperties: false,
        properties: {
          emergency: {
            type: 'boolean',
            description:
              'Bypass the rebuild delay; needs `image-factory.rebuild.emergency`.',
          },
          justification: {
            type: 'string',
            maxLength: 2000,
            description:
              'Why the rebuild cannot wait. Required for emergency rebuilds: at least 20 characters and three words, on one line without control characters.',
          },
        },
      },
      RebuildResponse: {
        description: 'The recorded rebuild attempt.',
        type: 'object',
        additionalProperties: false,
        required: ['rebuild'],
        properties: {
          rebuild: {
            $ref: '#/components/schemas/RebuildRecord',
          },
          supersededRebuildIds: {
            type: 'array',
            description:
              'Ids of the stale active rebuilds this emergency rebuild superseded: they are recorded as `failed`, naming it.',
            items: {
              type: 'string',
            },
          },
        },
      },
      BaseImageFields: {
        description:
          'What `GET /base-images` and `GET /base-images/{name}` both say of a base image.',
        type: 'object',
        required: [
          'ref',
          'name',
          'registry',
          'repository',
          'tag',
          'currentDigest',
          'lastUpdated',
          'dependents',
        ],
        properties: {
          ref: {
            type: 'string',
            description:
              'Normalized reference, e.g. `docker.io/library/python:3.12-slim`.',
          },
          name: {
            type: 'string',
            description:
              'Name in the state repository (a DNS-1123 label); used in `/base-images/{name}`.',
          },
          registry: {
            type: 'string',
          },
          repository: {
            type: 'string',
          },
          tag: {
            type: 'string',
          },
          currentDigest: {
            type: ['string', 'null'],
            description: 'Null before the first discovery.',
          },
          lastUpdated: {
            type: ['string', 'null'],
            format: 'date-time',
            description: 'Null before the first discovery.',
          },
          dependents: {
            type: 'array',
            description: 'Entity refs of the managed images built on it.',
            items: {
              type: 'string',
            },
          },
          error: {
            type: 'string',
            description: 'Why discovery failed, e.g. a registry error.',
          },
        },
      },
      BaseImageSummary: {
        description: 'A monitored base image in `GET /base-images`.',
        allOf: [
          {
            $ref: '#/components/schemas/BaseImageFields',
          },
        ],
        unevaluatedProperties: false,
      },
      BaseImageList: {
        description:
          'A page of the monitored base images, the most used first (then by reference).',
        type: 'object',
        additionalProperties: false,
        required: ['items', 'totalCount'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/BaseImageSummary',
            },
          },
          totalCount: {
            type: 'integer',
            minimum: 0,
            description:
              'Every monitored base image, ignoring offset and limit.',
          },
        },
      },
      BaseImageDetail: {
        description: 'A base image with its update history.',
        allOf: [
          {
            $ref: '#/components/schemas/BaseImageFields',
          },
          {
            type: 'object',
            required: ['previousDigest', 'firstDiscovered', 'updates'],
            properties: {
              previousDigest: {
                type: ['string', 'null'],
              },
              firstDiscovered: {
                type: 'string',
                format: 'date-time',
              },
              updates: {
                type: 'array',
                description:
                  "Digest changes of the tag, newest first: the base image's freight, with the platform digests discovery recorded.",
                items: {
                  $ref: '#/components/schemas/BaseImageUpdate',
                },
              },
              links: {
                $ref: '#/components/schemas/ImageStateLinks',
              },
              paths: {
                $ref: '#/components/schemas/ImageStatePaths',
              },
            },
          },
        ],
        unevaluatedProperties: false,
      },
      DependencyGraphNodeKind: {
        description: 'What a node of the dependency graph stands for.',
        type: 'string',
        enum: ['managed', 'external', 'base'],
      },
      DependencyGraphNode: {
        description: 'An image in the dependency graph.',
        type: 'object',
        additionalProperties: false,
        required: ['id', 'kind', 'label'],
        properties: {
          id: {
            type: 'string',
          },
          kind: {
            $ref: '#/components/schemas/DependencyGraphNodeKind',
          },
          label: {
            type: 'string',
            description: 'Short display name, e.g. the image reference.',
          },
          entityRef: {
            type: 'string',
            description: 'Set for managed and external images.',
          },
          baseImage: {
            type: 'string',
            description:
              'Set for base images: the name in the state repository, as in `/base-images/{name}`.',
          },
          state: {
            $ref: '#/components/schemas/EligibilityState',
          },
          owner: {
            type: 'string',
            description:
              "Entity ref of the image's owner (`spec.owner`), for managed and external images that have one.",
          },
        },
      },
      DependencyGraphEdge: {
        description:
          '"`from` uses `to`": the image `from` is built on the base image `to`.',
        type: 'object',
        additionalProperties: false,
        required: ['from', 'to'],
        properties: {
          from: {
            type: 'string',
          },
          to: {
            type: 'string',
          },
        },
      },
      DependencyGraph: {
        description:
          'A page of the enrolled images with the base images they use.',
        type: 'object',
        additionalProperties: false,
        required: ['nodes', 'edges', 'totalImageCount'],
        properties: {
          nodes: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DependencyGraphNode',
            },
          },
          edges: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/DependencyGraphEdge',
            },
          },
          totalImageCount: {
            type: 'integer',
            minimum: 0,
            description: 'Every enrolled image, ignoring offset and limit.',
          },
        },
      },
      RefreshSummary: {
        description:
          'What one run of the whole pipeline did: the `summary` of a finished run.',
        type: 'object',
        additionalProperties: false,
        required: [
          'startedAt',
          'finishedAt',
          'analyzed',
          'checked',
          'newFreight',
          'rebuildsTriggered',
          'commit',
          'errors',
        ],
        properties: {
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          finishedAt: {
            type: 'string',
            format: 'date-time',
          },
          analyzed: {
            type: 'integer',
            minimum: 0,
            description: 'Managed images whose Dockerfile was analysed.',
          },
          checked: {
            type: 'integer',
            minimum: 0,
            description:
              'Distinct repository and tag pairs whose digest was resolved.',
          },
          newFreight: {
            type: 'integer',
            minimum: 0,
            description: 'New freight records found.',
          },
          rebuildsTriggered: {
            type: 'integer',
            minimum: 0,
          },
          commit: {
            type: ['string', 'null'],
            description:
              'The state repository commit; null when nothing changed.',
          },
          errors: {
            type: 'array',
            description: 'Per-item problems that did not stop the run.',
            items: {
              type: 'string',
            },
          },
        },
      },
      PipelineRunStatus: {
        description:
          'Where a pipeline run stands: `queued` until a backend replica takes it.',
        type: 'string',
        enum: ['queued', 'running', 'succeeded', 'failed'],
      },
      PipelineRun: {
        description: 'One run of the pipeline.',
        type: 'object',
        additionalProperties: false,
        required: ['id', 'status', 'queuedAt'],
        properties: {
          id: {
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/PipelineRunStatus',
          },
          queuedAt: {
            type: 'string',
            format: 'date-time',
            description: 'When the run was asked for.',
          },
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          finishedAt: {
            type: 'string',
            format: 'date-time',
          },
          summary: {
            $ref: '#/components/schemas/RefreshSummary',
          },
          error: {
            type: 'string',
            description: 'Once `failed`, why.',
          },
        },
      },
    },
  },
} as const;

/** A router typed by {@link spec} that rejects requests it does not describe. */
export function createOpenApiRouter(
  options?: Parameters<typeof createValidatedOpenApiRouter>[1],
) {
  return createValidatedOpenApiRouter<typeof spec>(spec, options);
}
