import { BaseImageDetail, DependencyGraph, ImageStatus } from '../api';
import { parseImageReference } from '../references';

/**
 * The fleet's dependency graph: a node per enrolled image and per base image, an
 * edge from each image to every base image it uses. A managed image that others
 * build on is one node, not two.
 *
 * @public
 */
export function buildDependencyGraph(
  images: readonly ImageStatus[],
  baseImages: readonly BaseImageDetail[],
): Pick<DependencyGraph, 'nodes' | 'edges'> {
  const nodes: DependencyGraph['nodes'] = [];
  const ids = new Set<string>();
  for (const image of images) {
    nodes.push({
      id: image.entityRef,
      kind: image.kind,
      label: image.enrollment.image,
      entityRef: image.entityRef,
      state: image.eligibility.state,
    });
    ids.add(image.entityRef);
  }
  for (const base of baseImages) {
    nodes.push({
      id: `base:${base.name}`,
      kind: 'base',
      label: base.ref,
      baseImage: base.name,
    });
    ids.add(`base:${base.name}`);
  }
  // A base image that is itself a managed image points at that image's node.
  const publisher = new Map<string, string>();
  for (const image of images) {
    if (image.kind === 'managed')
      publisher.set(image.enrollment.image, image.entityRef);
  }
  const edges: DependencyGraph['edges'] = [];
  for (const image of images) {
    for (const base of image.baseImages) {
      const to = ids.has(`base:${base.name}`)
        ? `base:${base.name}`
        : publisher.get(repositoryOf(base.ref));
      if (to) edges.push({ from: image.entityRef, to });
    }
  }
  nodes.sort((a, b) => a.id.localeCompare(b.id));
  edges.sort(
    (a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
  );
  return { nodes, edges };
}

function repositoryOf(ref: string): string {
  const parsed = parseImageReference(ref);
  return `${parsed.registry}/${parsed.repository}`;
}
