import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi, useRouteRefParams } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ReactElement, ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { imageFactoryApiRef } from '../../api';
import { baseImageRouteRef } from '../../routes';
import { FleetImages } from '../ImageFactoryPage/FleetImages';
import { RefreshBar } from '../ImageFactoryPage/RefreshBar';
import { useFleetPath } from '../shared/BaseImageLink';
import { Details } from '../shared/Details';
import { Digest } from '../shared/Digest';
import { TimeAgo } from '../shared/TimeAgo';
import { useLiveReload } from '../shared/useLiveReload';
import { StateRepositoryLinks } from '../shared/StateRepositoryLinks';
import { useNow } from '../shared/useNow';
import { WrappingCode } from '../shared/WrappingCode';
import { BaseImageFreight } from './BaseImageFreight';

function BackToFleet(): ReactElement | null {
  const fleet = useFleetPath();
  return fleet ? <Link to={fleet}>All images</Link> : null;
}

/**
 * One monitored base image (`/image-factory/base-images/:name`): its
 * reference and digests, its state file and the Kargo Warehouse that watches
 * its tag, its freight, and every enrolled image built on it with its
 * eligibility.
 */
export function BaseImagePage(): ReactElement {
  const { name } = useRouteRefParams(baseImageRouteRef);
  const api = useApi(imageFactoryApiRef);
  const now = useNow();
  const reload = useLiveReload();
  const { reloadKey } = reload;
  const { value, error } = useAsync(
    () => api.getBaseImage({ path: { name } }),
    [api, name, reloadKey],
  );

  let body: ReactNode;
  if (error && ResponseError.is(error) && error.statusCode === 404) {
    body = (
      <EmptyState
        missing="data"
        title="No such base image"
        description={`No monitored base image is named ${name}. It may no longer be used by any enrolled image.`}
        action={<BackToFleet />}
      />
    );
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    body = <Progress />;
  } else {
    const platforms = Object.keys(value.updates[0]?.platformDigests ?? {});
    body = (
      <Grid container spacing={3}>
        {value.error && (
          <Grid item xs={12}>
            <WarningPanel severity="error" title="Discovery failed">
              {value.error}
            </WarningPanel>
          </Grid>
        )}
        <Grid item xs={12} md={6}>
          <InfoCard title="Base image">
            <Details
              entries={[
                ['Reference', <WrappingCode>{value.ref}</WrappingCode>],
                ['Registry', <code>{value.registry}</code>],
                ['Repository', <WrappingCode>{value.repository}</WrappingCode>],
                ['Tag', <code>{value.tag}</code>],
                [
                  'Current digest',
                  <Digest digest={value.currentDigest} imageRef={value.ref} />,
                ],
                [
                  'Previous digest',
                  <Digest digest={value.previousDigest} imageRef={value.ref} />,
                ],
                [
                  'Platforms',
                  platforms.length > 0
                    ? platforms.join(', ')
                    : 'single-platform or not recorded',
                ],
                [
                  'First discovered',
                  <TimeAgo iso={value.firstDiscovered} now={now} />,
                ],
                [
                  'Last updated',
                  value.lastUpdated ? (
                    <TimeAgo iso={value.lastUpdated} now={now} />
                  ) : (
                    'never'
                  ),
                ],
                [
                  'State repository',
                  <StateRepositoryLinks
                    links={value.links}
                    paths={value.paths}
                  />,
                ],
              ]}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Freight" noPadding>
            <BaseImageFreight baseImage={value} now={now} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Images built on it">
            <FleetImages reloadKey={reloadKey} now={now} baseImage={name} />
          </InfoCard>
        </Grid>
      </Grid>
    );
  }

  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Box>
          <BackToFleet />
          <Typography variant="h5" component="h2">
            {value ? <WrappingCode>{value.ref}</WrappingCode> : name}
          </Typography>
        </Box>
        <RefreshBar reload={reload} now={now} />
      </Box>
      {body}
    </Box>
  );
}
