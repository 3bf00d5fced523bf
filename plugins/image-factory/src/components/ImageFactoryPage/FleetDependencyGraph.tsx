import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { PAGE_LIMITS } from '@image-factory/backstage-plugin-image-factory-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { ReactElement } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { imageFactoryApiRef } from '../../api';
import { DependencyGraphView } from './DependencyGraphView';
import { FleetFilters, useFleetFilters, useSeenOwners } from './FleetFilters';
import { FleetPagination, usePaging } from './FleetPagination';

const PAGE_SIZE = PAGE_LIMITS.graph.default;

/**
 * Loads and draws the dependency graph of the fleet, a page of enrolled images
 * (by entity ref) at a time with the base images they use, filtered by state,
 * owner and text as the fleet list is.
 */
export function FleetDependencyGraph(props: {
  reloadKey: number;
}): ReactElement {
  const api = useApi(imageFactoryApiRef);
  const paging = usePaging(PAGE_SIZE);
  const filters = useFleetFilters({ search: '' }, () => paging.setPage(0));
  const { value, loading, error } = useAsync(
    () =>
      api.getGraph({
        query: { ...filters.query, ...paging.query },
      }),
    [
      api,
      filters.query.state,
      filters.query.owner,
      filters.query.search,
      paging.page,
      props.reloadKey,
    ],
  );
  const owners = useSeenOwners(value?.nodes.map(node => node.owner));

  let body: ReactElement;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    body = <Progress />;
  } else if (value.nodes.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {filters.filtered
          ? 'No images match these filters.'
          : 'No images yet: the graph fills in after the first analysis.'}
      </Typography>
    );
  } else {
    // Past the first page, keep the control even if the fleet shrank, to go back.
    const paged = value.totalImageCount > PAGE_SIZE || paging.page > 0;
    body = (
      <>
        <DependencyGraphView graph={value} />
        {paged && (
          <FleetPagination
            label="Dependency graph pages"
            count={value.totalImageCount}
            paging={paging}
            fixedSize
            labelDisplayedRows={({ from, to, count }) =>
              `Images ${from}–${to} of ${count.toLocaleString()}`
            }
          />
        )}
      </>
    );
  }
  return (
    <>
      <FleetFilters
        id="image-factory-graph-filter"
        label="Filter the dependency graph"
        value={filters.value}
        owners={owners}
        onChange={filters.setValue}
      />
      {loading && value && (
        <LinearProgress aria-label="Loading dependency graph" />
      )}
      {body}
    </>
  );
}
