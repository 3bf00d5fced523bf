import type { BaseImageDetail, ImageStatus } from '../api';
import { buildDependencyGraph } from './buildDependencyGraph';

const nameOf = (ref: string) => ref.replace(/[/:]/g, '-');

// Only what the graph reads; the rest of a status does not matter here.
function image(
  name: string,
  repository: string,
  baseRefs: string[],
  owner: string | null = 'group:default/platform',
): ImageStatus {
  return {
    entityRef: `component:default/${name}`,
    kind: 'managed',
    owner,
    enrollment: { image: repository },
    eligibility: { state: 'up-to-date' },
    baseImages: baseRefs.map(ref => ({ name: nameOf(ref), ref })),
    rebuilds: [],
  } as unknown as ImageStatus;
}

function base(ref: string): BaseImageDetail {
  return { name: nameOf(ref), ref } as unknown as BaseImageDetail;
}

describe('buildDependencyGraph', () => {
  it('draws an image on a managed image as a chain through that image, one node each', () => {
    const graph = buildDependencyGraph(
      [
        image('base-node', 'ghcr.io/acme/base-node', [
          'docker.io/library/node:22',
        ]),
        image('payments', 'ghcr.io/acme/payments', [
          'ghcr.io/acme/base-node:22',
        ]),
        // Enrolled in Docker Hub's short form, used in its long one.
        image('tools', 'acme/tools', []),
        image('ci', 'ghcr.io/acme/ci', ['docker.io/acme/tools:1']),
      ],
      [
        base('docker.io/library/node:22'),
        base('ghcr.io/acme/base-node:22'),
        base('docker.io/acme/tools:1'),
      ],
    );
    expect(graph.edges).toEqual([
      {
        from: 'component:default/base-node',
        to: 'base:docker.io-library-node-22',
      },
      { from: 'component:default/ci', to: 'component:default/tools' },
      {
        from: 'component:default/payments',
        to: 'component:default/base-node',
      },
    ]);
    // The managed image stands for the base image it publishes.
    expect(graph.nodes.map(n => n.id)).toEqual([
      'base:docker.io-library-node-22',
      'component:default/base-node',
      'component:default/ci',
      'component:default/payments',
      'component:default/tools',
    ]);
  });

  it('keeps the base image node when the image publishing it is not in the graph', () => {
    const graph = buildDependencyGraph(
      [image('payments', 'ghcr.io/acme/payments', ['ghcr.io/acme/base:1'])],
      [base('ghcr.io/acme/base:1')],
    );
    expect(graph.edges).toEqual([
      { from: 'component:default/payments', to: 'base:ghcr.io-acme-base-1' },
    ]);
    expect(graph.nodes).toContainEqual({
      id: 'base:ghcr.io-acme-base-1',
      kind: 'base',
      label: 'ghcr.io/acme/base:1',
      baseImage: 'ghcr.io-acme-base-1',
    });
  });

  it('names the owner of each image, so the graph can say and filter who owns it', () => {
    const graph = buildDependencyGraph(
      [
        image('payments', 'ghcr.io/acme/payments', [], 'group:default/team'),
        image('orphan', 'ghcr.io/acme/orphan', [], null),
      ],
      [],
    );
    expect(graph.nodes).toEqual([
      {
        id: 'component:default/orphan',
        kind: 'managed',
        label: 'ghcr.io/acme/orphan',
        entityRef: 'component:default/orphan',
        state: 'up-to-date',
      },
      {
        id: 'component:default/payments',
        kind: 'managed',
        label: 'ghcr.io/acme/payments',
        entityRef: 'component:default/payments',
        state: 'up-to-date',
        owner: 'group:default/team',
      },
    ]);
  });
});
