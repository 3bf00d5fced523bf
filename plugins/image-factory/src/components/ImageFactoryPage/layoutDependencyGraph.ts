import {
  DependencyGraph,
  DependencyGraphNode,
} from '@image-factory/backstage-plugin-image-factory-common';

/** A node placed on the canvas. */
export interface PlacedNode extends DependencyGraphNode {
  column: number;
  x: number;
  y: number;
  /** How many images use this node. */
  dependentCount: number;
  /** Labels of the nodes this node uses. */
  uses: string[];
}

/** An edge drawn from a base image (left) to an image built on it (right). */
export interface PlacedEdge {
  from: string;
  to: string;
  path: string;
}

/** Positions of every node and edge, and the canvas size. */
export interface GraphLayout {
  width: number;
  height: number;
  columns: { index: number; x: number }[];
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

/** Sizes in SVG user units. */
export const GRAPH_METRICS = {
  nodeWidth: 260,
  nodeHeight: 26,
  rowGap: 8,
  columnGap: 120,
  padding: 16,
  headerHeight: 28,
};

/**
 * Lays the graph out in columns: images that use nothing (base images) on the
 * left, each image one column right of the deepest image it uses. Within a
 * column, images sit near the images they use, which keeps edges short and
 * crossings few; shorter columns are centred. Pure, so it can be tested.
 */
export function layoutDependencyGraph(
  graph: Pick<DependencyGraph, 'nodes' | 'edges'>,
): GraphLayout {
  const m = GRAPH_METRICS;
  const byId = new Map(graph.nodes.map(node => [node.id, node]));
  const edges = graph.edges.filter(e => byId.has(e.from) && byId.has(e.to));
  const uses = new Map<string, string[]>();
  const usedBy = new Map<string, string[]>();
  for (const edge of edges) {
    uses.set(edge.from, [...(uses.get(edge.from) ?? []), edge.to]);
    usedBy.set(edge.to, [...(usedBy.get(edge.to) ?? []), edge.from]);
  }

  const columnOf = new Map<string, number>();
  const depth = (id: string, visiting: Set<string>): number => {
    const known = columnOf.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const used = uses.get(id) ?? [];
    const value =
      used.length === 0
        ? 0
        : 1 + Math.max(...used.map(u => depth(u, visiting)));
    visiting.delete(id);
    columnOf.set(id, value);
    return value;
  };
  for (const node of graph.nodes) {
    const value = depth(node.id, new Set());
    // An image that uses nothing and nobody uses belongs with the images.
    if (value === 0 && node.kind !== 'base' && !usedBy.has(node.id)) {
      columnOf.set(node.id, 1);
    }
  }

  const columnCount = Math.max(0, ...columnOf.values()) + 1;
  const columns: DependencyGraphNode[][] = Array.from(
    { length: columnCount },
    () => [],
  );
  for (const node of graph.nodes) columns[columnOf.get(node.id)!].push(node);

  const row = new Map<string, number>();
  columns.forEach((members, index) => {
    const key = (node: DependencyGraphNode): number => {
      if (index === 0) return -(usedBy.get(node.id)?.length ?? 0);
      const rows = (uses.get(node.id) ?? [])
        .map(id => row.get(id))
        .filter((r): r is number => r !== undefined);
      return rows.length
        ? rows.reduce((a, b) => a + b, 0) / rows.length
        : Number.MAX_SAFE_INTEGER;
    };
    members
      .map(node => ({ node, key: key(node) }))
      .sort((a, b) => a.key - b.key || a.node.label.localeCompare(b.node.label))
      .forEach(({ node }, position) => row.set(node.id, position));
  });

  const rowsMax = Math.max(0, ...columns.map(c => c.length));
  const rowStep = m.nodeHeight + m.rowGap;
  const columnX = (index: number) =>
    m.padding + index * (m.nodeWidth + m.columnGap);

  const nodes: PlacedNode[] = columns.flatMap((members, index) => {
    const offset = ((rowsMax - members.length) * rowStep) / 2;
    return members.map(node => ({
      ...node,
      column: index,
      x: columnX(index),
      y: m.padding + m.headerHeight + offset + row.get(node.id)! * rowStep,
      dependentCount: usedBy.get(node.id)?.length ?? 0,
      uses: (uses.get(node.id) ?? []).map(id => byId.get(id)!.label),
    }));
  });
  const placed = new Map(nodes.map(node => [node.id, node]));

  return {
    width: columnX(columnCount) - m.columnGap + m.padding,
    height: m.padding * 2 + m.headerHeight + rowsMax * rowStep,
    columns: columns.map((_, index) => ({ index, x: columnX(index) })),
    nodes,
    edges: edges.map(edge => {
      const base = placed.get(edge.to)!;
      const image = placed.get(edge.from)!;
      const x1 = base.x + m.nodeWidth;
      const y1 = base.y + m.nodeHeight / 2;
      const x2 = image.x;
      const y2 = image.y + m.nodeHeight / 2;
      const bend = Math.max(40, (x2 - x1) / 2);
      return {
        from: edge.from,
        to: edge.to,
        path: `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${
          x2 - bend
        } ${y2}, ${x2} ${y2}`,
      };
    }),
  };
}
