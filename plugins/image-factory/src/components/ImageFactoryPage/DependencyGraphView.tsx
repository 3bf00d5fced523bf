import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import {
  DependencyGraph,
  DependencyGraphNodeKind,
} from '@image-factory/backstage-plugin-image-factory-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactElement, useMemo, useState } from 'react';
import { useBaseImagePath } from '../shared/BaseImageLink';
import { labelEligibilityState } from '../shared/describeEligibility';
import {
  GRAPH_METRICS,
  layoutDependencyGraph,
  PlacedNode,
} from './layoutDependencyGraph';

const useStyles = makeStyles(theme => ({
  scroller: { overflow: 'auto', maxHeight: '75vh' },
  edge: { fill: 'none', stroke: theme.palette.divider, strokeWidth: 1.5 },
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
    fontSize: 12,
    fontFamily: 'monospace',
  },
  header: {
    fill: theme.palette.text.secondary,
    fontSize: 12,
    fontWeight: 'bold',
  },
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

const COLUMN_TITLES = ['Base images', 'Images', 'Images built on images'];

/** Keeps the end of a reference, which names the image and its tag. */
function fitLabel(label: string, max: number): string {
  return label.length <= max
    ? label
    : `…${label.slice(label.length - max + 1)}`;
}

function describeNode(node: PlacedNode): string {
  const parts = [node.label, KIND_LABELS[node.kind]];
  if (node.state) parts.push(labelEligibilityState(node.state).toLowerCase());
  if (node.uses.length) parts.push(`uses ${node.uses.join(', ')}`);
  if (node.dependentCount) {
    parts.push(
      `used by ${node.dependentCount} ${
        node.dependentCount === 1 ? 'image' : 'images'
      }`,
    );
  }
  return parts.join(', ');
}

/**
 * The dependency graph drawn as columns of boxes: base images on the left,
 * edges to the images built on them. Hovering or focusing an image highlights
 * its edges; enrolled images link to their entity page, base images to
 * theirs.
 */
export function DependencyGraphView(props: {
  graph: DependencyGraph;
}): ReactElement {
  const classes = useStyles();
  const entityLink = useEntityRefLink();
  const baseImagePath = useBaseImagePath();
  const layout = useMemo(
    () => layoutDependencyGraph(props.graph),
    [props.graph],
  );
  const [active, setActive] = useState<string>();
  const m = GRAPH_METRICS;
  const maxChars = Math.floor((m.nodeWidth - 16) / 7.2);

  const renderNode = (node: PlacedNode) => {
    const description = describeNode(node);
    const box = (
      <>
        <title>{description}</title>
        <rect
          className={`${classes.node} ${classes[node.kind]}`}
          x={node.x}
          y={node.y}
          width={m.nodeWidth}
          height={m.nodeHeight}
          rx={4}
        />
        <text
          className={classes.label}
          x={node.x + 8}
          y={node.y + m.nodeHeight / 2 + 4}
        >
          {fitLabel(node.label, maxChars)}
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
    if (href) {
      return (
        <a
          key={node.id}
          href={href}
          aria-label={description}
          className={classes.link}
          {...highlight}
        >
          {box}
        </a>
      );
    }
    return (
      <g key={node.id} role="img" aria-label={description} {...highlight}>
        {box}
      </g>
    );
  };

  if (layout.nodes.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No images yet: the graph fills in after the first analysis.
      </Typography>
    );
  }
  return (
    <Box>
      <div className={classes.scroller}>
        <svg
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="group"
          aria-label="Dependency graph: base images and the images built on them"
        >
          {layout.columns.map(column => (
            <text
              key={column.index}
              className={classes.header}
              x={column.x}
              y={m.padding + 12}
              aria-hidden="true"
            >
              {COLUMN_TITLES[Math.min(column.index, COLUMN_TITLES.length - 1)]}
            </text>
          ))}
          <g aria-hidden="true">
            {layout.edges.map(edge => {
              const lit = active === edge.from || active === edge.to;
              return (
                <path
                  key={`${edge.from}->${edge.to}`}
                  d={edge.path}
                  className={lit ? classes.activeEdge : classes.edge}
                />
              );
            })}
          </g>
          {layout.nodes.map(renderNode)}
        </svg>
      </div>
      <Typography variant="caption" color="textSecondary">
        Solid blue outline: managed image. Dashed outline: external image. Grey
        outline: base image. Hover or focus an image to highlight its edges.
      </Typography>
    </Box>
  );
}
