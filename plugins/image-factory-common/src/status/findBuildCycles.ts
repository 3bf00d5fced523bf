import { repositoryOf } from './repositoryOf';
import type { ImageState } from '../state';

/**
 * The managed images whose builds form a cycle: `A` builds on an image `B`
 * builds, `B` on `A` (or a longer ring, or an image built on its own
 * repository). Each rebuild of one would make the next one stale, without
 * end, so none of them is rebuilt (`blockersOf`). Found as the strongly
 * connected components of the graph from each managed image to the managed
 * images whose repositories its base images are (Tarjan's algorithm, linear
 * in images and base images).
 *
 * @returns per entity ref in a cycle, the entity refs of its cycle, sorted.
 * @public
 */
export function findBuildCycles(
  images: readonly ImageState[],
): Map<string, string[]> {
  const builder = new Map<string, string>();
  for (const image of images) {
    if (image.kind === 'managed') {
      builder.set(repositoryOf(image.image), image.entityRef);
    }
  }
  const edges = new Map<string, string[]>();
  for (const image of images) {
    if (image.kind !== 'managed') continue;
    const to = image.baseImages.flatMap(use => {
      const other = builder.get(repositoryOf(use.ref));
      return other === undefined ? [] : [other];
    });
    edges.set(image.entityRef, [...new Set(to)]);
  }

  const cycles = new Map<string, string[]>();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of edges.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    const ring = component.length > 1 || (edges.get(node) ?? []).includes(node);
    if (ring) {
      const sorted = component.sort();
      for (const entityRef of sorted) cycles.set(entityRef, sorted);
    }
  };
  for (const node of [...edges.keys()].sort()) {
    if (!index.has(node)) visit(node);
  }
  return cycles;
}
