import {
  BaseImageDetail,
  BaseImageSummary,
  buildDependencyGraph,
  checkEmergencyJustification,
  ImageListQuery,
  ImageStatus,
  parseImageReference,
  PipelineRun,
  RebuildRecord,
  staleSinceOf,
  upstreamCriticalFixesOf,
  statePath,
  toImageListItem,
  warehousePath,
} from '@image-factory/backstage-plugin-image-factory-common';
import { ImageFactoryApi } from '../src/api';
import {
  digests,
  fromNow,
  imageStatus,
  nodeBaseImage,
  units,
} from '../src/__testUtils__/fixtures';
import { responseError } from '../src/__testUtils__/responseError';

/**
 * The fleet the mocked API serves, built from the component tests' fixtures so
 * the dev app shows the documents the tests assert on: payments waits for a
 * signed node update (eligible in 3d 4h), checkout requires signatures and
 * stays on the older node digest because the newer one is unsigned, and
 * payments-db is an external image. Times are relative to the
 * moment the mock is created, so countdowns read the same on every start.
 */
function exampleImageStatuses(): ImageStatus[] {
  const signedBy = (key: string) => ({
    state: 'verified' as const,
    detail: `Signed with the key "${key}".`,
  });
  const fixture = imageStatus();
  const payments: ImageStatus = {
    ...fixture,
    baseImages: fixture.baseImages.map(base =>
      base.ref.includes('/node:')
        ? {
            ...base,
            signatureMode: 'warn',
            // The newer digest fixes the older one's critical vulnerabilities.
            updates: base.updates.map(update => ({
              ...update,
              signature: signedBy('node-release'),
              vulnerabilities: {
                state: 'reported',
                detail: 'Scanned by trivy 0.58.1 on 2026-12-03.',
                scannedAt: fromNow(-units.DAY),
                ...(update.digest === digests.nodeNew
                  ? {
                      counts: {
                        critical: 0,
                        high: 1,
                        medium: 3,
                        low: 9,
                        unknown: 0,
                      },
                      ids: { high: ['CVE-2026-1203'] },
                    }
                  : {
                      counts: {
                        critical: 2,
                        high: 1,
                        medium: 4,
                        low: 9,
                        unknown: 0,
                      },
                      ids: {
                        critical: ['CVE-2026-0451', 'CVE-2026-0977'],
                        high: ['CVE-2026-1203'],
                      },
                    }),
              },
            })),
          }
        : base,
    ),
    // Its last rebuild succeeded, but a cached layer kept it on the old base.
    rebuilds: fixture.rebuilds.map(rebuild => ({
      ...rebuild,
      verification: {
        outcome: 'mismatch',
        checkedAt: rebuild.requestedAt,
        image: `ghcr.io/acme/payments:latest@sha256:${'e5'.repeat(32)}`,
        detail: `Rebuilt, but still on ${digests.nodeOld.slice(
          0,
          19,
        )} of docker.io/library/node:22-bookworm-slim instead of ${digests.nodeNew.slice(
          0,
          19,
        )} (layers).`,
        baseImages: [],
      },
    })),
  };
  const checkout = imageStatus({
    entityRef: 'component:default/checkout',
    owner: 'group:default/shop-team',
    enrollment: {
      ...payments.enrollment,
      image: 'ghcr.io/acme/checkout',
      sourceLocation: 'url:https://github.com/acme/checkout/tree/main/',
      rebuildDelay: '36h',
      workflow: 'release.yml',
    },
    baseImages: [
      // Signatures required, and the newest digest is not signed yet.
      nodeBaseImage({
        builtDigest: digests.nodeOld,
        eligibleDigest: null,
        latestRelevantDigest: digests.nodeOld,
        signatureMode: 'require',
        updates: [
          {
            digest: digests.nodeNew,
            firstSeen: fromNow(-2 * units.DAY),
            signature: {
              state: 'unsigned',
              detail:
                'No cosign signature: the registry has no signature tag for this digest.',
            },
          },
          {
            digest: digests.nodeOld,
            firstSeen: fromNow(-40 * units.DAY),
            signature: signedBy('node-release'),
          },
        ],
      }),
    ],
    eligibility: {
      state: 'up-to-date',
      reasons: [
        'Every base image is on its newest digest that may be built on.',
        `docker.io/library/node:22-bookworm-slim has ${digests.nodeNew.slice(
          0,
          19,
        )}, first seen 2 days ago, which is not built on because signatures are required: no cosign signature: the registry has no signature tag for this digest.`,
      ],
    },
    rebuilds: [
      {
        id: 'rb-2',
        trigger: 'auto',
        requestedBy: 'image-factory',
        requestedAt: fromNow(-units.DAY),
        provider: 'github',
        runUrl: 'https://github.com/acme/checkout/actions/runs/202',
        status: 'completed',
        conclusion: 'success',
        baseDigests: {
          'docker.io/library/node:22-bookworm-slim': digests.nodeOld,
        },
        verification: {
          outcome: 'verified',
          checkedAt: fromNow(-units.DAY + 20 * units.MINUTE),
          image: `ghcr.io/acme/checkout:latest@sha256:${'c7'.repeat(32)}`,
          detail: `ghcr.io/acme/checkout:latest is built on the digests asked for: docker.io/library/node:22-bookworm-slim (layers).`,
          baseImages: [
            {
              ref: 'docker.io/library/node:22-bookworm-slim',
              outcome: 'verified',
              method: 'layers',
              digest: digests.nodeOld,
            },
          ],
        },
      },
    ],
    links: {},
    paths: { stateFile: 'state/images/ghcr-io-acme-checkout.yaml' },
  });
  const postgresDigest = `sha256:${'d4'.repeat(32)}`;
  const paymentsDb = imageStatus({
    entityRef: 'resource:default/payments-db',
    kind: 'external',
    owner: 'group:default/payments-team',
    enrollment: {
      image: 'docker.io/library/postgres:16',
      dockerfile: null,
      sourceLocation: null,
      rebuildDelay: '0',
      autoRebuild: false,
      workflow: null,
      priority: 'normal',
      errors: [],
    },
    analysis: { status: 'ok', analyzedAt: null, warnings: [] },
    baseImages: [],
    freight: [
      {
        tag: '16',
        digest: postgresDigest,
        firstSeen: fromNow(-5 * units.DAY),
        source: 'registry',
      },
    ],
    dependents: [],
    eligibility: {
      state: 'up-to-date',
      reasons: [
        'External image: the Image Factory watches docker.io/library/postgres:16 for new digests and never rebuilds it',
      ],
    },
    rebuilds: [],
    emergencyRebuildCount: 0,
    links: {},
    paths: { stateFile: 'state/images/docker-io-library-postgres-16.yaml' },
  });
  return [payments, checkout, paymentsDb];
}

// The base image documents the backend derives from the same state: one per
// base image, with every image that uses it, the most used first.
function baseImageDetails(statuses: ImageStatus[]): BaseImageDetail[] {
  const byName = new Map<string, BaseImageDetail>();
  for (const base of statuses.flatMap(s => s.baseImages)) {
    if (byName.has(base.name)) continue;
    const ref = parseImageReference(base.ref);
    byName.set(base.name, {
      ref: base.ref,
      name: base.name,
      registry: ref.registry,
      repository: ref.repository,
      tag: base.tag,
      currentDigest: base.latestDigest,
      previousDigest: base.updates[1]?.digest ?? null,
      lastUpdated: base.lastUpdated,
      firstDiscovered:
        base.updates[base.updates.length - 1]?.firstSeen ?? fromNow(0),
      dependents: base.dependents,
      updates: base.updates,
      // As a local state repository has them: paths, and no links.
      paths: {
        stateFile: statePath('base-images', base.name),
        warehouseManifest: warehousePath(base.name),
      },
      links: {},
    });
  }
  return [...byName.values()].sort(
    (a, b) =>
      b.dependents.length - a.dependents.length || a.ref.localeCompare(b.ref),
  );
}

function page<T>(items: T[], query?: { offset?: number; limit?: number }) {
  const offset = query?.offset ?? 0;
  return items.slice(offset, offset + (query?.limit ?? 100));
}

function notFound(message: string) {
  return responseError(404, { name: 'NotFoundError', message });
}

/**
 * An {@link ImageFactoryApi} that serves {@link exampleImageStatuses} from
 * memory, for the dev app without a backend. It answers as the backend does:
 * list filters, paging and ordering; 404 for an entity that is not enrolled;
 * 409 for a rebuild asked for before the image is eligible; runs that are
 * queued and then succeed. Accepted rebuilds are remembered, so the card, the
 * tab and the fleet page show them until the page is reloaded.
 */
export function createMockImageFactoryApi(): ImageFactoryApi {
  const statuses = new Map(exampleImageStatuses().map(s => [s.entityRef, s]));
  const runs = new Map<string, PipelineRun>();
  let nextId = 1;

  function statusOf(path: { namespace: string; kind: string; name: string }) {
    const ref = `${path.kind}:${path.namespace}/${path.name}`.toLowerCase();
    return [...statuses.values()].find(s => s.entityRef === ref);
  }

  function queueRun(): PipelineRun {
    const run: PipelineRun = {
      id: `dev-run-${nextId++}`,
      status: 'queued',
      queuedAt: new Date().toISOString(),
    };
    runs.set(run.id, run);
    return run;
  }

  return {
    async listImages(request = {}) {
      const query = request.query ?? {};
      const matching = [...statuses.values()]
        .filter(status => matchesQuery(status, query))
        .map(status =>
          toImageListItem(status, {
            staleSince: staleSinceOf(status),
            upstreamCriticalFixes: upstreamCriticalFixesOf(status).length,
          }),
        )
        .sort((a, b) => {
          if ((query.order ?? 'name') === 'staleness') {
            // The backend's order: the most critical fixes upstream first,
            // then the longest stale; then by name.
            const byFixes =
              (b.upstreamCriticalFixes ?? 0) - (a.upstreamCriticalFixes ?? 0);
            if (byFixes !== 0) return byFixes;
            const byStaleness = (a.staleSince ?? '\uffff').localeCompare(
              b.staleSince ?? '\uffff',
            );
            if (byStaleness !== 0) return byStaleness;
          }
          return a.entityRef.localeCompare(b.entityRef);
        });
      return {
        items: page(matching, query),
        totalCount: matching.length,
        emergencyRebuildCount: [...statuses.values()].reduce(
          (sum, s) => sum + s.emergencyRebuildCount,
          0,
        ),
      };
    },

    async getImage(request) {
      const status = statusOf(request.path);
      if (!status) {
        throw await notFound('No enrolled image for this entity');
      }
      return status;
    },

    async analyzeImage(request) {
      if (!statusOf(request.path)) {
        throw await notFound('No enrolled image for this entity');
      }
      return queueRun();
    },

    async rebuildImage(request) {
      const status = statusOf(request.path);
      if (!status || status.kind !== 'managed') {
        throw await notFound('No managed image for this entity');
      }
      const body = request.body ?? {};
      const state = status.eligibility.state;
      if (body.emergency) {
        const problem = checkEmergencyJustification(body.justification);
        if (problem) {
          throw await responseError(400, {
            name: 'InputError',
            message: problem,
          });
        }
      } else if (state !== 'eligible' && state !== 'failed') {
        throw await responseError(409, {
          name: 'ConflictError',
          message: `${
            status.entityRef
          } is not eligible for a rebuild yet (${state}): ${status.eligibility.reasons.join(
            '; ',
          )}. An emergency rebuild bypasses the delay.`,
          ...(status.eligibility.eligibleAt
            ? { eligibleAt: status.eligibility.eligibleAt }
            : {}),
        });
      }
      const rebuild: RebuildRecord = {
        id: `dev-rebuild-${nextId++}`,
        trigger: body.emergency ? 'emergency' : 'manual',
        requestedBy: 'user:default/guest',
        ...(body.emergency ? { justification: body.justification } : {}),
        requestedAt: new Date().toISOString(),
        provider: 'github',
        status: 'requested',
        baseDigests: Object.fromEntries(
          status.baseImages.map(base => [
            base.ref,
            base.latestDigest ?? base.builtDigest ?? '',
          ]),
        ),
      };
      statuses.set(status.entityRef, {
        ...status,
        eligibility: {
          state: 'rebuilding',
          reasons: ['A rebuild was requested; its run has not finished.'],
        },
        rebuilds: [rebuild, ...status.rebuilds],
        emergencyRebuildCount:
          status.emergencyRebuildCount + (body.emergency ? 1 : 0),
      });
      return { rebuild };
    },

    async listBaseImages(request = {}) {
      const details = baseImageDetails([...statuses.values()]);
      return {
        items: page(details, request.query).map(
          ({
            updates: _u,
            previousDigest: _p,
            firstDiscovered: _f,
            ...summary
          }): BaseImageSummary => summary,
        ),
        totalCount: details.length,
      };
    },

    async getBaseImage(request) {
      const detail = baseImageDetails([...statuses.values()]).find(
        base => base.name === request.path.name,
      );
      if (!detail) {
        throw await notFound(`No base image named ${request.path.name}`);
      }
      return detail;
    },

    async getGraph(request = {}) {
      const images = [...statuses.values()]
        .filter(status => matchesQuery(status, request.query ?? {}))
        .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
      const shown = page(images, request.query);
      return {
        ...buildDependencyGraph(shown, baseImageDetails(shown)),
        totalImageCount: images.length,
      };
    },

    async refresh() {
      return queueRun();
    },

    async getRun(request) {
      const run = runs.get(request.path.id);
      if (!run) {
        throw await notFound(`No pipeline run with id ${request.path.id}`);
      }
      // Asked about once, a run has run: enough for the buttons that follow it.
      const startedAt = run.startedAt ?? run.queuedAt;
      const finishedAt = new Date().toISOString();
      const finished: PipelineRun = {
        ...run,
        status: 'succeeded',
        startedAt,
        finishedAt,
        summary: {
          startedAt,
          finishedAt,
          analyzed: statuses.size,
          checked: baseImageDetails([...statuses.values()]).length,
          newFreight: 0,
          rebuildsTriggered: 0,
          commit: null,
          errors: [],
        },
      };
      runs.set(run.id, finished);
      return finished;
    },
  };
}

// The filters of `GET /images`, which `GET /graph` shares but for kind and
// base image.
function matchesQuery(status: ImageStatus, query: ImageListQuery): boolean {
  const search = query.search?.toLowerCase();
  return (
    (!query.state || status.eligibility.state === query.state) &&
    (!query.owner || status.owner === query.owner) &&
    (!query.kind || status.kind === query.kind) &&
    (!query.baseImage ||
      status.baseImages.some(base => base.name === query.baseImage)) &&
    (!search ||
      status.entityRef.toLowerCase().includes(search) ||
      status.enrollment.image.toLowerCase().includes(search))
  );
}
