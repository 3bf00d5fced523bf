import { DependencyGraph } from '@image-factory/backstage-plugin-image-factory-common';
import { GRAPH_METRICS, layoutDependencyGraph } from './layoutDependencyGraph';

function fleet(
  images: number,
  bases: number,
): Pick<DependencyGraph, 'nodes' | 'edges'> {
  const nodes: DependencyGraph['nodes'] = [];
  const edges: DependencyGraph['edges'] = [];
  for (let b = 0; b < bases; b++) {
    nodes.push({
      id: `base-${b}`,
      kind: 'base',
      label: `docker.io/library/base${b}:1`,
    });
  }
  for (let i = 0; i < images; i++) {
    nodes.push({
      id: `image-${i}`,
      kind: 'managed',
      label: `ghcr.io/acme/service-${i}`,
      entityRef: `component:default/service-${i}`,
      state: 'pending',
    });
    edges.push({ from: `image-${i}`, to: `base-${i % bases}` });
    if (i % 3 === 0)
      edges.push({ from: `image-${i}`, to: `base-${(i + 1) % bases}` });
  }
  return { nodes, edges };
}

describe('layoutDependencyGraph', () => {
  it('puts base images left of the images built on them, and images built on images further right', () => {
    const layout = layoutDependencyGraph({
      nodes: [
        { id: 'node', kind: 'base', label: 'docker.io/library/node:22' },
        {
          id: 'runtime',
          kind: 'managed',
          label: 'ghcr.io/acme/node-runtime',
          entityRef: 'component:default/node-runtime',
        },
        {
          id: 'payments',
          kind: 'managed',
          label: 'ghcr.io/acme/payments',
          entityRef: 'component:default/payments',
        },
        {
          id: 'postgres',
          kind: 'external',
          label: 'docker.io/library/postgres:16',
          entityRef: 'resource:default/postgres',
        },
      ],
      edges: [
        { from: 'runtime', to: 'node' },
        { from: 'payments', to: 'runtime' },
      ],
    });
    const column = Object.fromEntries(layout.nodes.map(n => [n.id, n.column]));
    expect(column).toEqual({ node: 0, runtime: 1, payments: 2, postgres: 1 });
    expect(layout.nodes.find(n => n.id === 'node')!.dependentCount).toBe(1);
    expect(layout.nodes.find(n => n.id === 'payments')!.uses).toEqual([
      'ghcr.io/acme/node-runtime',
    ]);
  });

  it('keeps 50 images and 10 base images apart and inside the canvas', () => {
    const layout = layoutDependencyGraph(fleet(50, 10));
    const { nodeWidth, nodeHeight } = GRAPH_METRICS;

    expect(layout.nodes).toHaveLength(60);
    for (const node of layout.nodes) {
      expect(node.x).toBeGreaterThanOrEqual(0);
      expect(node.y).toBeGreaterThanOrEqual(0);
      expect(node.x + nodeWidth).toBeLessThanOrEqual(layout.width);
      expect(node.y + nodeHeight).toBeLessThanOrEqual(layout.height);
    }
    for (const a of layout.nodes) {
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart =
          a.x + nodeWidth <= b.x ||
          b.x + nodeWidth <= a.x ||
          a.y + nodeHeight <= b.y ||
          b.y + nodeHeight <= a.y;
        expect(apart).toBe(true);
      }
    }
  });

  it('draws every edge from a base image on the left to an image on the right', () => {
    const layout = layoutDependencyGraph(fleet(50, 10));
    expect(layout.edges).toHaveLength(67);
    for (const edge of layout.edges) {
      const [, x1, , , , , , , x2] = edge.path
        .replace(/,/g, '')
        .split(' ')
        .map(Number);
      expect(x1).toBeLessThan(x2);
    }
  });

  it('orders images next to the base images they use', () => {
    const layout = layoutDependencyGraph({
      nodes: [
        { id: 'a', kind: 'base', label: 'a' },
        { id: 'b', kind: 'base', label: 'b' },
        { id: 'on-b', kind: 'managed', label: 'aa-on-b' },
        { id: 'on-a', kind: 'managed', label: 'zz-on-a' },
      ],
      edges: [
        { from: 'on-b', to: 'b' },
        { from: 'on-a', to: 'a' },
      ],
    });
    const y = Object.fromEntries(layout.nodes.map(n => [n.id, n.y]));
    expect(y['on-a']).toBeLessThan(y['on-b']);
  });

  it('ignores edges to unknown nodes and survives a cycle', () => {
    const layout = layoutDependencyGraph({
      nodes: [
        { id: 'x', kind: 'managed', label: 'x' },
        { id: 'y', kind: 'managed', label: 'y' },
      ],
      edges: [
        { from: 'x', to: 'y' },
        { from: 'y', to: 'x' },
        { from: 'x', to: 'missing' },
      ],
    });
    expect(layout.nodes).toHaveLength(2);
    expect(layout.edges).toHaveLength(2);
  });

  it('lays out an empty graph as an empty canvas', () => {
    const layout = layoutDependencyGraph({ nodes: [], edges: [] });
    expect(layout.nodes).toEqual([]);
    expect(layout.edges).toEqual([]);
  });
});
