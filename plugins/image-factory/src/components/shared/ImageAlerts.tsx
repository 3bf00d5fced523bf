import { ImageStatus } from '@image-factory/backstage-plugin-image-factory-common';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { ReactElement } from 'react';

/**
 * Everything about an image that needs a person's attention: enrollment
 * validation errors (by annotation), analysis failure or absence, and the
 * reasons of a failed or blocked eligibility.
 */
export function ImageAlerts(props: { status: ImageStatus }): ReactElement {
  const { enrollment, analysis, eligibility, kind } = props.status;
  const alerts: ReactElement[] = [];

  if (enrollment.errors.length > 0) {
    alerts.push(
      <Alert key="enrollment" severity="error">
        <AlertTitle>Invalid annotations</AlertTitle>
        <ul>
          {enrollment.errors.map(error => (
            <li key={`${error.annotation}:${error.message}`}>
              <code>{error.annotation}</code>: {error.message}
            </li>
          ))}
        </ul>
      </Alert>,
    );
  }
  if (kind === 'managed' && analysis.status === 'failed') {
    alerts.push(
      <Alert key="analysis" severity="error">
        <AlertTitle>Dockerfile analysis failed</AlertTitle>
        {analysis.error ?? 'The analysis gave no reason.'}
      </Alert>,
    );
  }
  if (kind === 'managed' && analysis.status === 'pending') {
    alerts.push(
      <Alert key="pending" severity="info">
        Not analysed yet: the Dockerfile of this image has not been analysed, so
        its base images are not known yet.
      </Alert>,
    );
  }
  if (eligibility.state === 'failed' || eligibility.state === 'blocked') {
    const title =
      eligibility.state === 'failed'
        ? 'The last rebuild failed'
        : 'Rebuilds are blocked';
    alerts.push(
      <Alert
        key="eligibility"
        severity={eligibility.state === 'failed' ? 'error' : 'warning'}
      >
        <AlertTitle>{title}</AlertTitle>
        {eligibility.reasons.length > 0
          ? eligibility.reasons.join('; ')
          : 'No reason was recorded.'}
      </Alert>,
    );
  }

  if (alerts.length === 0) {
    return <></>;
  }
  return (
    <Box display="flex" flexDirection="column" gridGap={8} mb={2}>
      {alerts}
    </Box>
  );
}
