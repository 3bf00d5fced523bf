import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { ReactElement, useCallback, useState } from 'react';
import { useNow } from '../shared/useNow';
import { FleetBaseImages } from './FleetBaseImages';
import { FleetDependencyGraph } from './FleetDependencyGraph';
import { FleetImages } from './FleetImages';
import { RefreshButton } from './RefreshButton';

/**
 * The fleet view without a page header: enrolled images, base images and the
 * dependency graph. The new frontend system's page supplies the header.
 */
export function ImageFactoryFleet(): ReactElement {
  const [reloadKey, setReloadKey] = useState(0);
  const now = useNow();
  const reload = useCallback(() => setReloadKey(key => key + 1), []);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Box display="flex" justifyContent="flex-end">
          <RefreshButton onRefreshed={reload} />
        </Box>
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
