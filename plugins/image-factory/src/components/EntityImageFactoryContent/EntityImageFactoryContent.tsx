import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ImageStatus } from '@image-factory/backstage-plugin-image-factory-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ReactElement } from 'react';
import { ImageAlerts } from '../shared/ImageAlerts';
import { ImageStatusGate } from '../shared/ImageStatusGate';
import { LastRefreshed } from '../shared/LastRefreshed';
import { useImageStatus } from '../shared/useImageStatus';
import { useNow } from '../shared/useNow';
import { AnalysisWarningsTable } from './AnalysisWarningsTable';
import { BaseImagesTable } from './BaseImagesTable';
import { DependentsList } from './DependentsList';
import { FreightTimeline } from './FreightTimeline';
import { ImageOverview } from './ImageOverview';
import { RebuildHistoryTable } from './RebuildHistoryTable';
import { StateRepositoryLinks } from '../shared/StateRepositoryLinks';

function ImageStatusPanels(props: {
  status: ImageStatus;
  now: number;
  onChanged: () => void;
}): ReactElement {
  const { status, now, onChanged } = props;
  const managed = status.kind === 'managed';
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ImageAlerts status={status} />
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Overview">
          <ImageOverview status={status} now={now} onChanged={onChanged} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <Box display="flex" flexDirection="column" gridGap={24}>
          <InfoCard title="Dependents">
            <DependentsList status={status} />
          </InfoCard>
          <InfoCard title="State repository">
            <StateRepositoryLinks links={status.links} paths={status.paths} />
          </InfoCard>
        </Box>
      </Grid>
      {managed && (
        <Grid item xs={12}>
          <InfoCard title="Base images" noPadding>
            {status.baseImages.length > 0 ? (
              <BaseImagesTable baseImages={status.baseImages} now={now} />
            ) : (
              <Typography
                variant="body2"
                color="textSecondary"
                style={{ padding: 16 }}
              >
                {status.analysis.status === 'ok'
                  ? 'The Dockerfile uses no base image.'
                  : 'Unknown until the Dockerfile is analysed.'}
              </Typography>
            )}
          </InfoCard>
        </Grid>
      )}
      {managed && status.analysis.warnings.length > 0 && (
        <Grid item xs={12}>
          <InfoCard title="Analysis warnings" noPadding>
            <AnalysisWarningsTable
              enrollment={status.enrollment}
              warnings={status.analysis.warnings}
            />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12} xl={managed ? 5 : 12}>
        <InfoCard title="Freight timeline">
          <FreightTimeline status={status} now={now} />
        </InfoCard>
      </Grid>
      {/* Side by side only where the rebuild history's columns fit. */}
      {managed && (
        <Grid item xs={12} xl={7}>
          <InfoCard title="Rebuild history" noPadding>
            <RebuildHistoryTable rebuilds={status.rebuilds} now={now} />
          </InfoCard>
        </Grid>
      )}
    </Grid>
  );
}

/**
 * The Image Status tab of an enrolled entity: base images with built, latest
 * and eligible digests and their update history, the freight timeline, the
 * rebuild history, dependents, analysis warnings, and links into the state
 * repository.
 *
 * @public
 */
export function EntityImageFactoryContent(): ReactElement {
  const { entity } = useEntity();
  const state = useImageStatus(stringifyEntityRef(entity));
  const now = useNow();
  return (
    <ImageStatusGate state={state}>
      {status => (
        <Box display="flex" flexDirection="column" gridGap={8}>
          <Box alignSelf="flex-end">
            <LastRefreshed reload={state.reload} now={now} />
          </Box>
          <ImageStatusPanels
            status={status}
            now={now}
            onChanged={state.retry}
          />
        </Box>
      )}
    </ImageStatusGate>
  );
}
