import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ImageStatus } from '@image-factory/backstage-plugin-image-factory-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactElement } from 'react';
import { RebuildActions } from '../rebuild/RebuildActions';
import { EligibilitySummary } from '../shared/EligibilitySummary';
import { ImageAlerts } from '../shared/ImageAlerts';
import { ImageStatusGate } from '../shared/ImageStatusGate';
import { LastRebuild } from '../shared/LastRebuild';
import { LatestFreight } from '../shared/LatestFreight';
import { useImageStatus } from '../shared/useImageStatus';
import { useImageStatusTabPath } from '../shared/useImageStatusTabPath';
import { useNow } from '../shared/useNow';
import { CardBaseImageList } from './CardBaseImageList';
import { WrappingCode } from '../shared/WrappingCode';

function ManagedImageDetails(props: {
  status: ImageStatus;
  now: number;
  onChanged: () => void;
}): ReactElement {
  const { status, now, onChanged } = props;
  return (
    <>
      <EligibilitySummary status={status} now={now} />
      <Box mt={2}>
        <Typography variant="subtitle2" component="h3">
          Base images
        </Typography>
        {status.baseImages.length > 0 ? (
          <CardBaseImageList baseImages={status.baseImages} now={now} />
        ) : (
          <Typography variant="body2" color="textSecondary">
            {status.analysis.status === 'ok'
              ? 'The Dockerfile uses no base image.'
              : 'Unknown until the Dockerfile is analysed.'}
          </Typography>
        )}
      </Box>
      <Box mt={2}>
        <LastRebuild rebuild={status.rebuilds[0]} now={now} />
      </Box>
      <Box mt={2}>
        <RebuildActions status={status} now={now} onRebuilt={onChanged} />
      </Box>
    </>
  );
}

function ExternalImageDetails(props: {
  status: ImageStatus;
  now: number;
}): ReactElement {
  return (
    <>
      <Typography variant="body2" color="textSecondary" paragraph>
        External image: monitored for new versions, never rebuilt.
      </Typography>
      <LatestFreight
        imageRef={props.status.enrollment.image}
        latest={props.status.freight[0]}
        now={props.now}
      />
    </>
  );
}

/**
 * Overview card of an enrolled entity: base images with their state and latest
 * freight, eligibility with a live countdown, the last rebuild, and the
 * permission-gated rebuild actions.
 *
 * @public
 */
export function EntityImageFactoryCard(): ReactElement {
  const { entity } = useEntity();
  const state = useImageStatus(stringifyEntityRef(entity));
  const now = useNow();
  const tab = useImageStatusTabPath(entity);
  return (
    <InfoCard
      title="Image Factory"
      deepLink={tab ? { title: 'Image Status', link: tab } : undefined}
    >
      <ImageStatusGate state={state}>
        {status => (
          <>
            <Typography variant="body2" paragraph>
              <WrappingCode>{status.enrollment.image}</WrappingCode>
            </Typography>
            <ImageAlerts status={status} />
            {status.kind === 'managed' ? (
              <ManagedImageDetails
                status={status}
                now={now}
                onChanged={state.retry}
              />
            ) : (
              <ExternalImageDetails status={status} now={now} />
            )}
          </>
        )}
      </ImageStatusGate>
    </InfoCard>
  );
}
