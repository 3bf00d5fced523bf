import { BaseImageDetail, DependencyGraph, ImageStatus } from '../api';
import { repositoryOf } from './repositoryOf';

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
  // A base image that a managed image publishes is drawn as that image, so
  // an image built on it reads as a chain: upstream → internal base → image.
  const publisher = new Map<string, string>();
  for (const image of images) {
    if (image.kind === 'managed')
      publisher.set(repositoryOf(image.enrollment.image), image.entityRef);
  }
  const nodes: DependencyGraph['nodes'] = [];
  for (const image of images) {
    nodes.push({
      id: image.entityRef,
      kind: image.kind,
      label: image.enrollment.image,
      entityRef: image.entityRef,
      state: image.eligibility.state,
      ...(image.owner ? { owner: image.owner } : {}),
    });
  }
  const ids = new Set<string>();
  for (const base of baseImages) {
    if (publisher.has(repositoryOf(base.ref))) continue;
    nodes.push({
      id: `base:${base.name}`,
      kind: 'base',
      label: base.ref,
      baseImage: base.name,
    });
    ids.add(`base:${base.name}`);
  }
  const edges: DependencyGraph['edges'] = [];
  for (const image of images) {
    for (const base of image.baseImages) {
      const to =
        publisher.get(repositoryOf(base.ref)) ??
        (ids.has(`base:${base.name}`) ? `base:${base.name}` : undefined);
      if (to && to !== image.entityRef)
        edges.push({ from: image.entityRef, to });
    }
  }
  nodes.sort((a, b) => a.id.localeCompare(b.id));
  edges.sort(
    (a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
  );
  return { nodes, edges };
}
