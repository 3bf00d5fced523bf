import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { IMAGE_FACTORY_ANNOTATIONS } from '@image-factory/backstage-plugin-image-factory-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { ReactElement } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { imageFactoryApiRef } from '../../api';
import { FleetFilters, useFleetFilters, useSeenOwners } from './FleetFilters';
import { FleetImagesTable } from './FleetImagesTable';
import { FleetPagination, usePaging } from './FleetPagination';

/**
 * Every enrolled image, filtered by state, owner and text, stalest first by
 * default, paged on the server; with `baseImage`, only the images built on
 * that base image (its name in the state repository).
 */
export function FleetImages(props: {
  reloadKey: number;
  now: number;
  baseImage?: string;
}): ReactElement {
  const api = useApi(imageFactoryApiRef);
  const paging = usePaging();
  const filters = useFleetFilters({ search: '', order: 'staleness' }, () =>
    paging.setPage(0),
  );

  const { value, loading, error } = useAsync(
    () =>
      api.listImages({
        query: {
          ...filters.query,
          order: filters.value.order,
          baseImage: props.baseImage,
          ...paging.query,
        },
      }),
    [
      api,
      props.baseImage,
      filters.query.state,
      filters.query.owner,
      filters.query.search,
      filters.value.order,
      paging.page,
      paging.pageSize,
      props.reloadKey,
    ],
  );

  const owners = useSeenOwners(value?.items.map(item => item.owner));

  let body: ReactElement;
  if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    body = <Progress />;
  } else if (value.totalCount === 0 && !filters.filtered && props.baseImage) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No enrolled image that you may see is built on this base image.
      </Typography>
    );
  } else if (value.totalCount === 0 && !filters.filtered) {
    body = (
      <EmptyState
        missing="data"
        title="No enrolled images"
        description={`Annotate a catalog entity with ${IMAGE_FACTORY_ANNOTATIONS.image} (an image you build) or ${IMAGE_FACTORY_ANNOTATIONS.externalImage} (one you run) to enroll it.`}
      />
    );
  } else if (value.items.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No images match these filters.
      </Typography>
    );
  } else {
    body = (
      <>
        {!props.baseImage && (
          <Typography variant="body2" color="textSecondary">
            Rebuilds before the delay across the fleet (emergency and evidence):{' '}
            {value.emergencyRebuildCount}
          </Typography>
        )}
        <FleetImagesTable items={value.items} now={props.now} />
        <FleetPagination
          label="Enrolled images pages"
          count={value.totalCount}
          paging={paging}
        />
      </>
    );
  }

  return (
    <>
      <FleetFilters
        id="image-factory-filter"
        label="Filter enrolled images"
        value={filters.value}
        owners={owners}
        onChange={filters.setValue}
      />
      {loading && value && <LinearProgress aria-label="Loading images" />}
      {body}
    </>
  );
}
