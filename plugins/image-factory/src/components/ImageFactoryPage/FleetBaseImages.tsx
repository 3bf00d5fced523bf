import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
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

/** Every monitored base image, the most used first, with its dependents. */
export function FleetBaseImages(props: {
  reloadKey: number;
  now: number;
}): ReactElement {
  const api = useApi(imageFactoryApiRef);
  const { value, error } = useAsync(
    () => api.listBaseImages(),
    [api, props.reloadKey],
  );
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return <Progress />;
  }
  if (value.items.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No base images yet: they are discovered when Dockerfiles are analysed.
      </Typography>
    );
  }
  const items = [...value.items].sort(
    (a, b) =>
      b.dependents.length - a.dependents.length || a.ref.localeCompare(b.ref),
  );
  return (
    <Table size="small" aria-label="Base images">
      <TableHead>
        <TableRow>
          <TableCell>Base image</TableCell>
          <TableCell>Current digest</TableCell>
          <TableCell>Last updated</TableCell>
          <TableCell>Dependents</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map(item => (
          <TableRow key={item.ref}>
            <TableCell>
              <code>{item.ref}</code>
              {item.error && (
                <Typography variant="body2" color="error">
                  {item.error}
                </Typography>
              )}
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
    </Table>
  );
}
