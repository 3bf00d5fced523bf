import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { ReactElement } from 'react';
import { useLiveReload } from '../shared/useLiveReload';
import { useNow } from '../shared/useNow';
import { FleetBaseImages } from './FleetBaseImages';
import { FleetDependencyGraph } from './FleetDependencyGraph';
import { FleetImages } from './FleetImages';
import { RefreshBar } from './RefreshBar';

/**
 * The fleet view without a page header: enrolled images, base images and the
 * dependency graph. The new frontend system's page supplies the header.
 */
export function ImageFactoryFleet(): ReactElement {
  const reload = useLiveReload();
  const { reloadKey } = reload;
  const now = useNow();
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <RefreshBar reload={reload} now={now} />
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Enrolled images">
          <FleetImages reloadKey={reloadKey} now={now} />
        </InfoCard>
      </Grid>
      {/* Full width: references and errors need the room of a whole row. */}
      <Grid item xs={12}>
        <InfoCard title="Base images" noPadding>
          <FleetBaseImages reloadKey={reloadKey} now={now} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Dependency graph">
          <FleetDependencyGraph reloadKey={reloadKey} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
