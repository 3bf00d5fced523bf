import { Entity } from '@backstage/catalog-model';
import {
  ImageBaseImage,
  ImageStatus,
} from '@image-factory/backstage-plugin-image-factory-common';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An ISO time `ms` milliseconds from the moment the test runs. */
export function fromNow(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}

export const units = { HOUR, DAY, MINUTE: 60_000 };

export const digests = {
  nodeOld: `sha256:${'a1'.repeat(32)}`,
  nodeNew: `sha256:${'b2'.repeat(32)}`,
  distroless: `sha256:${'c3'.repeat(32)}`,
};

export const paymentsEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    namespace: 'default',
    annotations: { 'image-factory.io/image': 'ghcr.io/acme/payments' },
  },
  spec: { type: 'service', owner: 'group:default/payments-team' },
};

/** The node base image of the payments service, with a newer digest waiting. */
export function nodeBaseImage(
  overrides: Partial<ImageBaseImage> = {},
): ImageBaseImage {
  return {
    ref: 'docker.io/library/node:22-bookworm-slim',
    name: 'docker-io-library-node-22-bookworm-slim',
    builtDigest: digests.nodeOld,
    latestDigest: digests.nodeNew,
    eligibleDigest: null,
    lastUpdated: fromNow(-2 * DAY),
    tag: '22-bookworm-slim',
    source: 'registry',
    // Newest first, as the API lists them.
    updates: [
      { digest: digests.nodeNew, firstSeen: fromNow(-2 * DAY) },
      { digest: digests.nodeOld, firstSeen: fromNow(-40 * DAY) },
    ],
    dependents: ['component:default/payments', 'component:default/checkout'],
    ...overrides,
  };
}

/** A distroless base image the payments service is current on. */
function distrolessBaseImage(
  overrides: Partial<ImageBaseImage> = {},
): ImageBaseImage {
  return {
    ref: 'gcr.io/distroless/base-debian12:latest',
    name: 'gcr-io-distroless-base-debian12-latest',
    builtDigest: digests.distroless,
    latestDigest: digests.distroless,
    eligibleDigest: digests.distroless,
    lastUpdated: fromNow(-30 * DAY),
    tag: 'latest',
    source: 'kargo',
    updates: [{ digest: digests.distroless, firstSeen: fromNow(-30 * DAY) }],
    dependents: ['component:default/payments'],
    ...overrides,
  };
}

/** A managed image whose node update becomes eligible in 3 days 4 hours. */
export function imageStatus(overrides: Partial<ImageStatus> = {}): ImageStatus {
  return {
    entityRef: 'component:default/payments',
    kind: 'managed',
    owner: 'group:default/payments-team',
    enrollment: {
      image: 'ghcr.io/acme/payments',
      dockerfile: 'Dockerfile',
      sourceLocation: 'url:https://github.com/acme/payments/tree/main/',
      rebuildDelay: '7d',
      autoRebuild: true,
      workflow: 'build.yml',
      priority: 'normal',
      errors: [],
    },
    analysis: {
      status: 'ok',
      analyzedAt: fromNow(-HOUR),
      warnings: [],
    },
    baseImages: [nodeBaseImage(), distrolessBaseImage()],
    freight: [],
    dependents: [],
    eligibility: {
      state: 'pending',
      eligibleAt: fromNow(3 * DAY + 4 * HOUR + 30 * 60_000),
      reasons: [],
    },
    rebuilds: [
      {
        id: 'rb-1',
        trigger: 'auto',
        requestedBy: 'image-factory',
        requestedAt: fromNow(-40 * DAY + 7 * DAY),
        provider: 'github',
        runUrl: 'https://github.com/acme/payments/actions/runs/101',
        status: 'completed',
        conclusion: 'success',
        baseDigests: {
          'docker.io/library/node:22-bookworm-slim': digests.nodeOld,
        },
      },
    ],
    emergencyRebuildCount: 0,
    links: {
      stateFile:
        'https://github.com/acme/image-factory-state/blob/main/state/images/ghcr-io-acme-payments.yaml',
      warehouseManifest:
        'https://github.com/acme/image-factory-state/blob/main/manifests/warehouses/ghcr-io-acme-payments.yaml',
    },
    paths: {
      stateFile: 'state/images/ghcr-io-acme-payments.yaml',
      warehouseManifest: 'manifests/warehouses/ghcr-io-acme-payments.yaml',
    },
    ...overrides,
  };
}
