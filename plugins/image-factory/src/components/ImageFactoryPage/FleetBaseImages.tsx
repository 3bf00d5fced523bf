import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import LinearProgress from '@material-ui/core/LinearProgress';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ReactElement } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { imageFactoryApiRef } from '../../api';
import { Digest } from '../shared/Digest';
import { TimeAgo } from '../shared/TimeAgo';
import { FleetPagination, usePaging } from './FleetPagination';
import { DataTable, OneLineCell } from '../shared/DataTable';
import { BaseImageLink } from '../shared/BaseImageLink';
import { ErrorText } from '../shared/ErrorText';

/**
 * Every monitored base image with its dependents, paged on the server, which
 * puts the most used first.
 */
export function FleetBaseImages(props: {
  reloadKey: number;
  now: number;
}): ReactElement {
  const api = useApi(imageFactoryApiRef);
  const paging = usePaging();
  const { value, loading, error } = useAsync(
    () => api.listBaseImages({ query: paging.query }),
    [api, paging.page, paging.pageSize, props.reloadKey],
  );
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return <Progress />;
  }
  if (value.totalCount === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No base images yet: they are discovered when Dockerfiles are analysed.
      </Typography>
    );
  }
  return (
    <>
      {loading && <LinearProgress aria-label="Loading base images" />}
      <DataTable aria-label="Base images">
        <TableHead>
          <TableRow>
            <OneLineCell>Base image</OneLineCell>
            <OneLineCell>Current digest</OneLineCell>
            <OneLineCell>Last updated</OneLineCell>
            <OneLineCell>Dependents</OneLineCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.items.map(item => (
            <TableRow key={item.ref}>
              <TableCell>
                <BaseImageLink name={item.name} imageRef={item.ref} />
                {item.error && <ErrorText>{item.error}</ErrorText>}
              </TableCell>
              <TableCell>
                <Digest digest={item.currentDigest} imageRef={item.ref} />
              </TableCell>
              <TableCell>
                {item.lastUpdated ? (
                  <TimeAgo iso={item.lastUpdated} now={props.now} />
                ) : (
                  'never'
                )}
              </TableCell>
              <TableCell>
                {item.dependents.length === 0 ? (
                  '0 images'
                ) : (
                  <details>
                    <summary>
                      {item.dependents.length}{' '}
                      {item.dependents.length === 1 ? 'image' : 'images'}
                    </summary>
                    <ul>
                      {item.dependents.map(ref => (
                        <li key={ref}>
                          <EntityRefLink entityRef={ref} />
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </DataTable>
      <FleetPagination
        label="Base images pages"
        count={value.totalCount}
        paging={paging}
      />
    </>
  );
}
