import { EligibilityState } from './eligibility';

/**
 * What a node of the dependency graph stands for.
 *
 * @public
 */
export type DependencyGraphNodeKind = 'managed' | 'external' | 'base';

/**
 * An image in the dependency graph.
 *
 * @public
 */
export interface DependencyGraphNode {
  id: string;
  kind: DependencyGraphNodeKind;
  /** Short display name, e.g. the image reference. */
  label: string;
  /** Set for managed and external images. */
  entityRef?: string;
  /** Eligibility of managed images. */
  state?: EligibilityState;
}

/**
 * "`from` uses `to`": the image `from` is built on the base image `to`.
 *
 * @public
 */
export interface DependencyGraphEdge {
  from: string;
  to: string;
}

/**
 * `GET /graph?offset=&limit=`: a page of the enrolled images, by entity ref,
 * with the base images they use and the edges between them.
 *
 * @public
 */
export interface DependencyGraph {
  nodes: DependencyGraphNode[];
  edges: DependencyGraphEdge[];
  /** Every enrolled image, ignoring offset and limit. */
  totalImageCount: number;
}
