import { ReactElement } from 'react';
import { formatAge, formatTimestamp } from './formatDuration';

/**
 * A relative time ("3d 4h ago") in a `<time>` element whose tooltip and
 * machine-readable value carry the exact moment.
 */
export function TimeAgo(props: { iso: string; now: number }): ReactElement {
  return (
    <time dateTime={props.iso} title={formatTimestamp(props.iso)}>
      {formatAge(props.iso, props.now)}
    </time>
  );
}
