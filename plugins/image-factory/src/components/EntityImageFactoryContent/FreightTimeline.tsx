import { ImageStatus } from '@image-factory/backstage-plugin-image-factory-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Timeline from '@material-ui/lab/Timeline';
import TimelineConnector from '@material-ui/lab/TimelineConnector';
import TimelineContent from '@material-ui/lab/TimelineContent';
import TimelineDot from '@material-ui/lab/TimelineDot';
import TimelineItem from '@material-ui/lab/TimelineItem';
import TimelineOppositeContent from '@material-ui/lab/TimelineOppositeContent';
import TimelineSeparator from '@material-ui/lab/TimelineSeparator';
import { ReactElement } from 'react';
import { Digest } from '../shared/Digest';
import { TimeAgo } from '../shared/TimeAgo';
import { collectFreightEvents } from './collectFreightEvents';
import { WrappingCode } from '../shared/WrappingCode';

/**
 * Every freight record of the image and its base images, newest first, marked
 * where it is the digest the image was built on or the one a rebuild would use.
 */
export function FreightTimeline(props: {
  status: ImageStatus;
  now: number;
}): ReactElement {
  const events = collectFreightEvents(props.status);
  if (events.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No freight yet: no new digest has been discovered.
      </Typography>
    );
  }
  return (
    <Timeline align="left" aria-label="Freight timeline">
      {events.map((event, index) => (
        <TimelineItem
          key={`${event.imageRef}-${event.digest}-${event.firstSeen}`}
        >
          <TimelineOppositeContent style={{ flex: 0, minWidth: 120 }}>
            <Typography variant="body2" color="textSecondary">
              <TimeAgo iso={event.firstSeen} now={props.now} />
            </Typography>
          </TimelineOppositeContent>
          <TimelineSeparator>
            <TimelineDot
              color={event.marks.includes('built on') ? 'primary' : 'grey'}
            />
            {index < events.length - 1 && <TimelineConnector />}
          </TimelineSeparator>
          <TimelineContent>
            <Typography variant="body2">
              <WrappingCode>{event.imageRef}</WrappingCode>
            </Typography>
            <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={6}>
              <Typography variant="body2" component="span">
                tag <code>{event.tag}</code>
              </Typography>
              <Digest digest={event.digest} imageRef={event.imageRef} />
              <Typography
                variant="body2"
                component="span"
                color="textSecondary"
              >
                from {event.source}
                {event.marks.length > 0 ? ` · ${event.marks.join(' · ')}` : ''}
              </Typography>
            </Box>
          </TimelineContent>
        </TimelineItem>
      ))}
    </Timeline>
  );
}
