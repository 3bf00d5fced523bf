import {
  DependencyGraph as GraphCanvas,
  DependencyGraphTypes,
} from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import {
  DependencyGraph,
  DependencyGraphNode,
  DependencyGraphNodeKind,
} from '@image-factory/backstage-plugin-image-factory-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactElement, useCallback, useMemo, useState } from 'react';
import { useBaseImagePath } from '../shared/BaseImageLink';
import { labelEligibilityState } from '../shared/describeEligibility';

const FONT_SIZE = 12;
/** The advance of one monospace character at {@link FONT_SIZE}, in pixels. */
const CHAR_WIDTH = 7.25;
const PADDING = 8;
const NODE_HEIGHT = 40;

const useStyles = makeStyles(theme => ({
  scroller: { overflow: 'auto', maxHeight: '75vh' },
  edge: { fill: 'none', stroke: theme.palette.text.secondary, strokeWidth: 1 },
  activeEdge: {
    fill: 'none',
    stroke: theme.palette.primary.main,
    strokeWidth: 2.5,
  },
  node: { fill: theme.palette.background.paper, strokeWidth: 1.5 },
  base: { stroke: theme.palette.text.secondary },
  managed: { stroke: theme.palette.primary.main },
  external: { stroke: theme.palette.text.secondary, strokeDasharray: '4 3' },
  label: {
    fill: theme.palette.text.primary,
    fontSize: FONT_SIZE,
    fontFamily: 'monospace',
  },
  detail: { fill: theme.palette.text.secondary, fontSize: 11 },
  link: {
    cursor: 'pointer',
    outline: 'none',
    '&:focus rect': { strokeWidth: 3 },
  },
}));

const KIND_LABELS: Record<DependencyGraphNodeKind, string> = {
  base: 'base image',
  managed: 'managed image',
  external: 'external image',
};

type GraphNode = DependencyGraphTypes.DependencyNode<
  DependencyGraphNode & {
    /** Labels of the images this one is built on. */
    uses: string[];
    dependentCount: number;
  }
>;

function describeNode(node: GraphNode): string {
  const parts = [node.label, KIND_LABELS[node.kind]];
  if (node.state) parts.push(labelEligibilityState(node.state).toLowerCase());
  if (node.owner) parts.push(`owned by ${node.owner}`);
  if (node.uses.length) parts.push(`built on ${node.uses.join(', ')}`);
  if (node.dependentCount) {
    parts.push(
      `used by ${node.dependentCount} ${
        node.dependentCount === 1 ? 'image' : 'images'
      }`,
    );
  }
  return parts.join(', ');
}

/** The second line of a node: its kind, and its state and owner. */
function detailOf(node: GraphNode): string {
  if (node.kind === 'base') {
    return node.dependentCount === 1
      ? 'base image of 1 image'
      : `base image of ${node.dependentCount} images`;
  }
  return [
    node.state && labelEligibilityState(node.state),
    node.owner?.replace(/^group:(default\/)?/, ''),
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * A non-empty dependency graph, laid out by Backstage's `DependencyGraph` (dagre)
 * from left to right: upstream base images, the images built on them, and the
 * images built on those. Full references in the nodes; a click on the canvas
 * turns on zoom and pan (so the page still scrolls past it); hovering or
 * focusing an image highlights its edges; enrolled images link to their entity
 * page, base images to theirs.
 */
export function DependencyGraphView(props: {
  graph: DependencyGraph;
}): ReactElement {
  const classes = useStyles();
  const entityLink = useEntityRefLink();
  const baseImagePath = useBaseImagePath();
  const [active, setActive] = useState<string>();

  const { nodes, edges } = useMemo(() => {
    const byId = new Map(props.graph.nodes.map(n => [n.id, n]));
    const known = props.graph.edges.filter(
      e => byId.has(e.from) && byId.has(e.to),
    );
    const uses = new Map<string, string[]>();
    const dependents = new Map<string, number>();
    for (const edge of known) {
      uses.set(edge.from, [
        ...(uses.get(edge.from) ?? []),
        byId.get(edge.to)!.label,
      ]);
      dependents.set(edge.to, (dependents.get(edge.to) ?? 0) + 1);
    }
    return {
      nodes: props.graph.nodes.map(
        (node): GraphNode => ({
          ...node,
          uses: uses.get(node.id) ?? [],
          dependentCount: dependents.get(node.id) ?? 0,
        }),
      ),
      // Drawn from what is used to what uses it, so upstream sits left.
      edges: known.map(edge => ({ from: edge.to, to: edge.from })),
    };
  }, [props.graph]);

  const renderNode = useCallback(
    ({ node }: DependencyGraphTypes.RenderNodeProps<GraphNode>) => {
      const description = describeNode(node);
      const detail = detailOf(node);
      const width =
        Math.max(node.label.length, detail.length) * CHAR_WIDTH + 2 * PADDING;
      const box = (
        <>
          <title>{description}</title>
          <rect
            className={`${classes.node} ${classes[node.kind]}`}
            width={width}
            height={NODE_HEIGHT}
            rx={4}
          />
          <text
            className={classes.label}
            x={PADDING}
            y={17}
            // Exactly the box's width whatever the browser's monospace font.
            textLength={node.label.length * CHAR_WIDTH}
            lengthAdjust="spacingAndGlyphs"
          >
            {node.label}
          </text>
          <text className={classes.detail} x={PADDING} y={32}>
            {detail}
          </text>
        </>
      );
      const highlight = {
        onMouseEnter: () => setActive(node.id),
        onMouseLeave: () => setActive(undefined),
        onFocus: () => setActive(node.id),
        onBlur: () => setActive(undefined),
      };
      const href = node.entityRef
        ? entityLink(node.entityRef)
        : node.baseImage && baseImagePath(node.baseImage);
      return href ? (
        <a
          href={href}
          aria-label={description}
          className={classes.link}
          {...highlight}
        >
          {box}
        </a>
      ) : (
        <g role="img" aria-label={description} {...highlight}>
          {box}
        </g>
      );
    },
    [classes, entityLink, baseImagePath],
  );

  const renderEdge = useCallback(
    ({ edge, id }: DependencyGraphTypes.RenderEdgeProps) => {
      const lit = active === id.v || active === id.w;
      return (
        <path
          key={`${id.v}->${id.w}`}
          d={smoothPath(edge.points)}
          className={lit ? classes.activeEdge : classes.edge}
          aria-hidden="true"
        />
      );
    },
    [active, classes],
  );

  return (
    <Box>
      <div
        className={classes.scroller}
        role="group"
        aria-label="Dependency graph: base images and the images built on them"
      >
        <GraphCanvas
          nodes={nodes}
          edges={edges}
          renderNode={renderNode}
          renderEdge={renderEdge}
          direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
          nodeMargin={10}
          rankMargin={80}
          paddingX={16}
          paddingY={16}
          zoom="enable-on-click"
        />
      </div>
      <Typography variant="caption" color="textSecondary">
        Blue outline: managed image. Dashed outline: external image. Grey
        outline: base image. Click the graph to zoom and pan; hover or focus an
        image to highlight its edges.
      </Typography>
    </Box>
  );
}

// A curve through dagre's points, each bend eased horizontally, as the graph
// runs left to right.
function smoothPath(points: { x: number; y: number }[]): string {
  if (points.length === 0) return '';
  const [first, ...rest] = points;
  let d = `M ${first.x} ${first.y}`;
  let previous = first;
  for (const point of rest) {
    const mid = (previous.x + point.x) / 2;
    d += ` C ${mid} ${previous.y}, ${mid} ${point.y}, ${point.x} ${point.y}`;
    previous = point;
  }
  return d;
}
