import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { PAGE_LIMITS } from '@image-factory/backstage-plugin-image-factory-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { ReactElement, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { imageFactoryApiRef } from '../../api';
import { DependencyGraphView } from './DependencyGraphView';
import { FleetFilters, FleetFilterValues, useSeenOwners } from './FleetFilters';
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
  const [filters, setFilters] = useState<FleetFilterValues>({ search: '' });
  const [search, setSearch] = useState('');
  useDebounce(() => setSearch(filters.search.trim()), 300, [filters.search]);
  const { value, loading, error } = useAsync(
    () =>
      api.getGraph({
        query: {
          state: filters.state,
          owner: filters.owner,
          search: search || undefined,
          ...paging.query,
        },
      }),
    [api, filters.state, filters.owner, search, paging.page, props.reloadKey],
  );
  const owners = useSeenOwners(value?.nodes.map(node => node.owner));
  const filtered = Boolean(filters.state || filters.owner || search);

  let body: ReactElement;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    body = <Progress />;
  } else if (value.nodes.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {filtered
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
        value={filters}
        owners={owners}
        onChange={next => {
          setFilters(next);
          paging.setPage(0);
        }}
      />
      {loading && value && (
        <LinearProgress aria-label="Loading dependency graph" />
      )}
      {body}
    </>
  );
}
