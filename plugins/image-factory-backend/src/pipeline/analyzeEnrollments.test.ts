import type { Enrollment } from '@image-factory/backstage-plugin-image-factory-common';
import type {
  DockerfileLocation,
  DockerfileReader,
  DockerfileReadResult,
} from '../analysis/DockerfileReader';
import type { DockerfileCacheRecord, ImageFactoryStore } from '../database';
import { analyzeEnrollments } from './analyzeEnrollments';

const AMD64 = 'linux/amd64';
const ARM64 = 'linux/arm64';

const DOCKERFILE = [
  'FROM golang:1.22-$TARGETARCH AS build',
  'FROM alpine:3.20',
  'COPY --from=build /out /out',
  '',
].join('\n');

function enrollment(platforms: string[]): Enrollment {
  return {
    entityRef: 'component:default/tools',
    kind: 'managed',
    image: 'ghcr.io/acme/tools',
    imageTag: 'latest',
    dockerfile: 'Dockerfile',
    sourceLocation: 'url:https://github.com/acme/tools/tree/main/',
    buildArgs: {},
    target: null,
    rebuildDelay: '7d',
    autoRebuild: true,
    workflow: 'build.yml',
    priority: 'normal',
    platforms,
    errors: [],
  };
}

// A source host that answers a conditional read of the unchanged file with
// "unchanged", and a store that keeps only the Dockerfile caches.
function setUp() {
  const etag = '"1"';
  const reads: DockerfileLocation[] = [];
  const reader = {
    async read(location: DockerfileLocation): Promise<DockerfileReadResult> {
      reads.push(location);
      return location.etag === etag
        ? { status: 'unchanged', etag }
        : { status: 'read', content: DOCKERFILE, etag };
    },
  } as unknown as DockerfileReader;
  const caches = new Map<string, DockerfileCacheRecord>();
  const store = {
    async getDockerfileCaches(locations: readonly string[]) {
      return new Map(
        locations.flatMap(location => {
          const record = caches.get(location);
          return record ? [[location, structuredClone(record)] as const] : [];
        }),
      );
    },
    async putDockerfileCaches(records: readonly DockerfileCacheRecord[]) {
      records.forEach(record =>
        caches.set(record.location, structuredClone(record)),
      );
    },
  } as unknown as ImageFactoryStore;
  const analyze = (platforms: string[], now: string) =>
    analyzeEnrollments({
      enrollments: [enrollment(platforms)],
      entities: new Map(),
      reader,
      store,
      now: new Date(now),
      maxBaseImages: 50,
    });
  return { analyze, reads };
}

function baseImagesOf(result: Awaited<ReturnType<typeof analyzeEnrollments>>) {
  const outcome = result.outcomes.get('component:default/tools');
  if (outcome?.status !== 'ok') {
    throw new Error(`no analysis: ${JSON.stringify(outcome)}`);
  }
  return outcome.analysis.baseImages.map(({ ref, platforms }) => ({
    ref,
    platforms,
  }));
}

describe('analyzeEnrollments with platforms', () => {
  it("analyses the Dockerfile for the image's platforms, and again when they change", async () => {
    const { analyze, reads } = setUp();

    const both = await analyze([AMD64, ARM64], '2026-01-01T00:00:00.000Z');
    expect(both.parsed).toBe(1);
    expect(baseImagesOf(both)).toEqual([
      { ref: 'docker.io/library/golang:1.22-amd64', platforms: [AMD64] },
      { ref: 'docker.io/library/golang:1.22-arm64', platforms: [ARM64] },
      { ref: 'docker.io/library/alpine:3.20', platforms: undefined },
    ]);

    // The same file and platforms: the cached analysis, nothing parsed.
    const same = await analyze([AMD64, ARM64], '2026-01-02T00:00:00.000Z');
    expect(same.parsed).toBe(0);
    expect(reads[1].etag).toBe('"1"');
    expect(same.outcomes).toEqual(both.outcomes);

    // The file has not changed, but the platforms have: the analysis of the
    // other platforms does not hold.
    const arm = await analyze([ARM64], '2026-01-03T00:00:00.000Z');
    expect(arm.parsed).toBe(1);
    expect(reads[2].etag).toBeUndefined();
    expect(baseImagesOf(arm)).toEqual([
      { ref: 'docker.io/library/golang:1.22-arm64', platforms: undefined },
      { ref: 'docker.io/library/alpine:3.20', platforms: undefined },
    ]);
  });
});
