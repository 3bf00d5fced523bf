import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ImageStatus } from '@image-factory/backstage-plugin-image-factory-common';
import Box from '@material-ui/core/Box';
import { ReactElement, ReactNode } from 'react';
import { RebuildActions } from '../rebuild/RebuildActions';
import { Details } from '../shared/Details';
import { EligibilitySummary } from '../shared/EligibilitySummary';
import { TimeAgo } from '../shared/TimeAgo';
import { AnalyzeButton } from './AnalyzeButton';
import { WrappingCode } from '../shared/WrappingCode';
import { useDockerfileUrl } from '../shared/useDockerfileUrl';

/**
 * What the entity enrolled, where its eligibility stands, and the actions on it:
 * rebuild, emergency rebuild, analyze now.
 */
export function ImageOverview(props: {
  status: ImageStatus;
  now: number;
  onChanged: () => void;
}): ReactElement {
  const { status, now, onChanged } = props;
  const { enrollment, analysis } = status;
  const dockerfile = (
    <WrappingCode>{enrollment.dockerfile ?? 'Dockerfile'}</WrappingCode>
  );
  const dockerfileUrl = useDockerfileUrl(enrollment)();
  const entries: [string, ReactNode][] = [
    ['Image', <WrappingCode>{enrollment.image}</WrappingCode>],
    [
      'Kind',
      status.kind === 'managed'
        ? 'Managed image'
        : 'External image (never rebuilt)',
    ],
    [
      'Owner',
      status.owner ? <EntityRefLink entityRef={status.owner} /> : 'none',
    ],
  ];
  if (status.kind === 'managed') {
    entries.push(
      [
        'Source',
        enrollment.sourceLocation ? (
          <WrappingCode>{enrollment.sourceLocation}</WrappingCode>
        ) : (
          'unknown'
        ),
      ],
      [
        'Dockerfile',
        dockerfileUrl ? (
          <Link to={dockerfileUrl}>{dockerfile}</Link>
        ) : (
          dockerfile
        ),
      ],
      [
        'Workflow',
        enrollment.workflow ? (
          <code>{enrollment.workflow}</code>
        ) : (
          'none: no build can be started'
        ),
      ],
      ['Rebuild delay', enrollment.rebuildDelay],
      ['Auto-rebuild', enrollment.autoRebuild ? 'on' : 'off'],
      ['Priority', enrollment.priority],
      [
        'Last analysed',
        analysis.analyzedAt ? (
          <TimeAgo iso={analysis.analyzedAt} now={now} />
        ) : (
          'never'
        ),
      ],
      ['Rebuilds before the delay', String(status.emergencyRebuildCount)],
    );
    if (analysis.frontend) {
      entries.push(['Build frontend', <code>{analysis.frontend}</code>]);
    }
  }
  return (
    <Box display="flex" flexDirection="column" gridGap={16}>
      {status.kind === 'managed' && (
        <EligibilitySummary status={status} now={now} />
      )}
      <Details entries={entries} />
      <RebuildActions status={status} now={now} onRebuilt={onChanged} />
      {status.kind === 'managed' && (
        <AnalyzeButton entityRef={status.entityRef} onAnalyzed={onChanged} />
      )}
    </Box>
  );
}
