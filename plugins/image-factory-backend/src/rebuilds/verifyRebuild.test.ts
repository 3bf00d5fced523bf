import {
  OciRegistry,
  startOciRegistry,
} from '../__testUtils__/startOciRegistry';
import { loopbackRegistryClient } from '../__testUtils__/loopbackRegistryClient';
import { RebuildRecord } from '../database';
import { RegistryClient } from '../discovery';
import { verifyRebuild } from './verifyRebuild';

// Images pushed to a real OCI registry (Debian's docker-registry on loopback)
// the ways builders leave them: with the base annotations, with BuildKit's
// provenance, on the base image's layers only, or squashed.
describe('verifyRebuild against a real registry', () => {
  let registry: OciRegistry;
  let client: RegistryClient;
  let node: string;
  let oldNode: string;
  let newNode: string;
  let newNodeAmd64: string;
  const sentAt = '2026-12-05T10:00:00.000Z';
  const now = new Date('2026-12-05T10:30:00.000Z');

  beforeAll(async () => {
    registry = await startOciRegistry();
    client = loopbackRegistryClient(registry.host);
    node = `${registry.host}/library/node:22`;
    const platforms = ['linux/amd64', 'linux/arm64'];
    oldNode = await registry.pushImage('library/node', '22', {
      platforms,
      content: 'node 22, first release',
    });
    newNode = await registry.pushImage('library/node', '22', {
      platforms,
      content: 'node 22, security release',
    });
    newNodeAmd64 = (await registry.platformManifests('library/node', '22'))[
      'linux/amd64'
    ];
  });

  afterAll(() => registry?.stop());

  const rebuildOf = (baseDigests: Record<string, string>): RebuildRecord => ({
    id: '5b0c6e0e-3c1f-4d7a-9a57-0f4a1c2b3d4e',
    entityRef: 'component:default/payments',
    triggerKey: 'key',
    trigger: 'auto',
    requestedBy: 'plugin:image-factory',
    requestedAt: sentAt,
    dispatchedAt: sentAt,
    provider: 'github',
    status: 'running',
    baseDigests,
    updatedAt: sentAt,
  });

  const verify = (
    repository: string,
    baseDigests: Record<string, string> = { [node]: newNode },
    tag = 'latest',
  ) =>
    verifyRebuild({
      registry: client,
      rebuild: rebuildOf(baseDigests),
      image: `${registry.host}/${repository}`,
      tag,
      platforms: ['linux/amd64'],
      builtDigests: new Map([[node, oldNode]]),
      now,
    });

  it('verifies by the base annotations, which may name a platform manifest', async () => {
    await registry.pushImage('acme/annotated', 'latest', {
      platforms: ['linux/amd64'],
      created: '2026-12-05T10:10:00Z',
      annotations: {
        'org.opencontainers.image.base.name': 'library/node:22',
        'org.opencontainers.image.base.digest': newNodeAmd64,
      },
    });
    // The name is written against another registry spelling: it must be this
    // registry's, so it does not match, and nothing else says anything.
    const elsewhere = await verify('acme/annotated');
    expect(elsewhere.outcome).toBe('unverifiable');

    await registry.pushImage('acme/annotated', 'latest', {
      platforms: ['linux/amd64'],
      created: '2026-12-05T10:10:00Z',
      annotations: {
        'org.opencontainers.image.base.name': node,
        'org.opencontainers.image.base.digest': newNodeAmd64,
      },
    });
    const verified = await verify('acme/annotated');
    expect(verified).toMatchObject({
      outcome: 'verified',
      checkedAt: now.toISOString(),
      baseImages: [
        {
          ref: node,
          outcome: 'verified',
          method: 'annotations',
          digest: newNode,
        },
      ],
    });
    expect(verified.image).toMatch(
      new RegExp(
        `^${registry.host}/acme/annotated:latest@sha256:[a-f0-9]{64}$`,
      ),
    );
  });

  it('finds a mismatch in the labels when the build stayed on the old digest', async () => {
    await registry.pushImage('acme/pinned', 'latest', {
      labels: {
        'org.opencontainers.image.base.name': node,
        'org.opencontainers.image.base.digest': oldNode,
      },
    });
    const result = await verify('acme/pinned');
    expect(result).toMatchObject({
      outcome: 'mismatch',
      baseImages: [
        {
          ref: node,
          outcome: 'mismatch',
          method: 'annotations',
          digest: oldNode,
        },
      ],
    });
    expect(result.detail).toBe(
      `Rebuilt, but still on ${oldNode.slice(
        0,
        19,
      )} of ${node} instead of ${newNode.slice(0, 19)} (annotations).`,
    );
  });

  it('verifies by the provenance materials BuildKit attaches', async () => {
    const material = (digest: string) => ({
      uri: `pkg:docker/${registry.host}/library/node@22?platform=linux%2Famd64`,
      digest,
    });
    await registry.pushImage('acme/attested', 'latest', {
      platforms: ['linux/amd64'],
      provenance: [material(newNodeAmd64)],
    });
    expect(await verify('acme/attested')).toMatchObject({
      outcome: 'verified',
      baseImages: [{ method: 'provenance', outcome: 'verified' }],
    });

    await registry.pushImage('acme/attested', 'latest', {
      platforms: ['linux/amd64'],
      provenance: [material(oldNode)],
    });
    expect(await verify('acme/attested')).toMatchObject({
      outcome: 'mismatch',
      baseImages: [{ method: 'provenance', digest: oldNode }],
    });
  });

  it('verifies by the layers with no help from the build', async () => {
    await registry.pushImage('acme/plain', 'latest', {
      platforms: ['linux/amd64'],
      on: { repository: 'library/node', tag: newNode },
    });
    expect(await verify('acme/plain')).toMatchObject({
      outcome: 'verified',
      baseImages: [{ method: 'layers', outcome: 'verified', digest: newNode }],
    });
  });

  it('finds by the layers a build that kept the old base image', async () => {
    await registry.pushImage('acme/cached', 'latest', {
      on: { repository: 'library/node', tag: oldNode },
    });
    const result = await verify('acme/cached');
    expect(result).toMatchObject({
      outcome: 'mismatch',
      baseImages: [{ method: 'layers', outcome: 'mismatch', digest: oldNode }],
    });
    expect(result.detail).toContain('Rebuilt, but still on');
  });

  it('cannot decide for a squashed image or a builder stage, and says what would help', async () => {
    const golang = `${registry.host}/library/golang:1.23`;
    const golangDigest = await registry.pushImage('library/golang', '1.23');
    await registry.pushImage('acme/multistage', 'latest', {
      on: { repository: 'library/node', tag: newNode },
    });
    const result = await verify('acme/multistage', {
      [golang]: golangDigest,
      [node]: newNode,
    });
    expect(result).toMatchObject({
      outcome: 'unverifiable',
      baseImages: [
        { ref: golang, outcome: 'unverifiable', method: null, digest: null },
        { ref: node, outcome: 'verified', method: 'layers' },
      ],
    });
    expect(result.detail).toContain(`says which digest of ${golang}`);
    expect(result.detail).toContain(`verified: ${node} (layers)`);
    expect(result.detail).toContain('org.opencontainers.image.base.digest');

    await registry.pushImage('acme/squashed', 'latest');
    expect((await verify('acme/squashed')).outcome).toBe('unverifiable');
  });

  it('does not take an image built before the rebuild was sent for its result', async () => {
    await registry.pushImage('acme/stale', 'latest', {
      created: '2026-12-01T08:00:00Z',
      on: { repository: 'library/node', tag: oldNode },
    });
    const result = await verify('acme/stale');
    expect(result.outcome).toBe('unverifiable');
    expect(result.detail).toContain(
      'was built at 2026-12-01 08:00 UTC, before the rebuild was sent',
    );
  });

  it('says which tag it looked for when nothing is there', async () => {
    const result = await verify('acme/nothing', undefined, 'stable');
    expect(result).toMatchObject({ outcome: 'unverifiable', image: null });
    expect(result.detail).toBe(
      `Nothing is tagged ${registry.host}/acme/nothing:stable; image-factory.io/image-tag names the tag the workflow pushes.`,
    );
  });
});
