import {
  IMAGE_FACTORY_ANNOTATIONS,
  imageFactoryRebuildCreatePermission,
  imageFactoryRebuildEmergencyPermission,
  ImageStatus,
} from '@image-factory/backstage-plugin-image-factory-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { ReactElement, useState } from 'react';
import { EmergencyRebuildDialog } from './EmergencyRebuildDialog';
import { RebuildDialog } from './RebuildDialog';

/** Why neither rebuild button can be used right now, if that is so. */
function explainUnavailable(status: ImageStatus): string | undefined {
  if (!status.enrollment.workflow) {
    return `No workflow is configured (${IMAGE_FACTORY_ANNOTATIONS.workflow}): no build can be started until one is set.`;
  }
  if (status.eligibility.state === 'rebuilding') {
    return 'A rebuild is running.';
  }
  return undefined;
}

/**
 * The Rebuild and Emergency rebuild buttons, each shown only to people with its
 * permission, and their dialogs. External images are never rebuilt.
 */
export function RebuildActions(props: {
  status: ImageStatus;
  now: number;
  onRebuilt: () => void;
}): ReactElement | null {
  const { status, now, onRebuilt } = props;
  // Permissions of the image's catalog entity: a policy may allow its owners only.
  const create = usePermission({
    permission: imageFactoryRebuildCreatePermission,
    resourceRef: status.entityRef,
  });
  const emergency = usePermission({
    permission: imageFactoryRebuildEmergencyPermission,
    resourceRef: status.entityRef,
  });
  const [dialog, setDialog] = useState<'rebuild' | 'emergency'>();

  if (status.kind !== 'managed' || create.loading || emergency.loading) {
    return null;
  }
  if (!create.allowed && !emergency.allowed) {
    return (
      <Typography variant="body2" color="textSecondary">
        You do not have permission to rebuild this image.
      </Typography>
    );
  }
  const unavailable = explainUnavailable(status);
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
      {create.allowed && (
        <Button
          variant="outlined"
          color="primary"
          disabled={Boolean(unavailable)}
          onClick={() => setDialog('rebuild')}
        >
          Rebuild
        </Button>
      )}
      {emergency.allowed && (
        <Button
          variant="outlined"
          color="secondary"
          disabled={Boolean(unavailable)}
          onClick={() => setDialog('emergency')}
        >
          Emergency rebuild
        </Button>
      )}
      {unavailable && (
        <Typography variant="body2" color="textSecondary">
          {unavailable}
        </Typography>
      )}
      {dialog === 'rebuild' && (
        <RebuildDialog
          status={status}
          now={now}
          onClose={() => setDialog(undefined)}
          onRebuilt={onRebuilt}
        />
      )}
      {dialog === 'emergency' && (
        <EmergencyRebuildDialog
          status={status}
          now={now}
          onClose={() => setDialog(undefined)}
          onRebuilt={onRebuilt}
        />
      )}
    </Box>
  );
}
