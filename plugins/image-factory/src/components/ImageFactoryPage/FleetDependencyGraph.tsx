import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { PAGE_LIMITS } from '@image-factory/backstage-plugin-image-factory-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import { ReactElement } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { imageFactoryApiRef } from '../../api';
import { DependencyGraphView } from './DependencyGraphView';
import { FleetPagination, usePaging } from './FleetPagination';

const PAGE_SIZE = PAGE_LIMITS.graph.default;

/**
 * Loads and draws the dependency graph of the fleet, a page of enrolled images
 * (by entity ref) at a time with the base images they use.
 */
export function FleetDependencyGraph(props: {
  reloadKey: number;
}): ReactElement {
  const api = useApi(imageFactoryApiRef);
  const paging = usePaging(PAGE_SIZE);
  const { value, loading, error } = useAsync(
    () => api.getGraph({ query: paging.query }),
    [api, paging.page, props.reloadKey],
  );
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return <Progress />;
  }
  // Past the first page, keep the control even if the fleet shrank, to go back.
  const paged = value.totalImageCount > PAGE_SIZE || paging.page > 0;
  return (
    <>
      {loading && <LinearProgress aria-label="Loading dependency graph" />}
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
