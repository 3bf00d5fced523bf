import {
  BaseImageDetail,
  ImageListItem,
  ImageStatus,
  PipelineRun,
  RebuildRecord,
} from '@image-factory/backstage-plugin-image-factory-common';

// Test support: answers of the API as the spec describes them, for router
// tests whose model stands in for the service. Typed by the generated types,
// so they change when the spec does.

export function exampleRebuild(
  overrides: Partial<RebuildRecord> = {},
): RebuildRecord {
  return {
    id: 'rb-1',
    trigger: 'manual',
    requestedBy: 'user:default/mock',
    requestedAt: '2026-11-30T10:00:00.000Z',
    provider: 'github',
    status: 'requested',
    baseDigests: { 'docker.io/library/node:22': `sha256:${'a'.repeat(64)}` },
    ...overrides,
  };
}

export function exampleImageStatus(
  overrides: Partial<ImageStatus> = {},
): ImageStatus {
  return {
    entityRef: 'component:default/payments',
    kind: 'managed',
    owner: 'group:default/team-a',
    enrollment: {
      image: 'ghcr.io/acme/payments',
      dockerfile: 'Dockerfile',
      sourceLocation: 'url:https://github.com/acme/payments/tree/main/',
      rebuildDelay: '7d',
      autoRebuild: true,
      workflow: 'build.yaml',
      priority: 'normal',
      platforms: ['linux/amd64'],
      errors: [],
    },
    analysis: {
      status: 'ok',
      analyzedAt: '2026-11-30T09:00:00.000Z',
      warnings: [],
    },
    baseImages: [
      {
        ref: 'docker.io/library/node:22',
        name: 'docker-io-node-22',
        builtDigest: `sha256:${'a'.repeat(64)}`,
        latestDigest: `sha256:${'b'.repeat(64)}`,
        latestRelevantDigest: `sha256:${'b'.repeat(64)}`,
        eligibleDigest: null,
        lastUpdated: '2026-11-29T09:00:00.000Z',
        tag: '22',
        source: 'registry',
        // Newest first.
        updates: [
          {
            digest: `sha256:${'b'.repeat(64)}`,
            firstSeen: '2026-11-29T09:00:00.000Z',
            platformDigests: { 'linux/amd64': `sha256:${'d'.repeat(64)}` },
          },
          {
            digest: `sha256:${'a'.repeat(64)}`,
            firstSeen: '2026-10-01T09:00:00.000Z',
            platformDigests: { 'linux/amd64': `sha256:${'c'.repeat(64)}` },
          },
        ],
        dependents: ['component:default/payments'],
      },
    ],
    freight: [],
    dependents: [],
    eligibility: {
      state: 'pending',
      eligibleAt: '2026-12-06T09:00:00.000Z',
      reasons: ['docker.io/library/node:22 is 1d old; the delay is 7d'],
    },
    rebuilds: [],
    emergencyRebuildCount: 0,
    links: { stateFile: null, warehouseManifest: null },
    paths: {
      stateFile: 'state/images/payments.yaml',
      warehouseManifest: 'manifests/warehouses/payments.yaml',
    },
    ...overrides,
  };
}

export function exampleImageListItem(
  overrides: Partial<ImageListItem> = {},
): ImageListItem {
  return {
    entityRef: 'component:default/payments',
    kind: 'managed',
    image: 'ghcr.io/acme/payments',
    owner: 'group:default/team-a',
    eligibility: { state: 'pending', eligibleAt: '2026-12-06T09:00:00.000Z' },
    staleSince: '2026-11-29T09:00:00.000Z',
    baseImageCount: 1,
    ...overrides,
  };
}

export function exampleBaseImage(
  overrides: Partial<BaseImageDetail> = {},
): BaseImageDetail {
  return {
    ref: 'docker.io/library/node:22',
    name: 'docker-io-node-22',
    registry: 'docker.io',
    repository: 'library/node',
    tag: '22',
    currentDigest: `sha256:${'b'.repeat(64)}`,
    lastUpdated: '2026-11-29T09:00:00.000Z',
    dependents: ['component:default/payments'],
    previousDigest: `sha256:${'a'.repeat(64)}`,
    firstDiscovered: '2026-10-01T09:00:00.000Z',
    // Newest first.
    updates: [
      {
        digest: `sha256:${'b'.repeat(64)}`,
        firstSeen: '2026-11-29T09:00:00.000Z',
        platformDigests: { 'linux/amd64': `sha256:${'d'.repeat(64)}` },
      },
      {
        digest: `sha256:${'a'.repeat(64)}`,
        firstSeen: '2026-10-01T09:00:00.000Z',
      },
    ],
    ...overrides,
  };
}

export function exampleRun(overrides: Partial<PipelineRun> = {}): PipelineRun {
  return {
    id: 'run-1',
    status: 'queued',
    queuedAt: '2026-11-30T10:00:00.000Z',
    ...overrides,
  };
}
