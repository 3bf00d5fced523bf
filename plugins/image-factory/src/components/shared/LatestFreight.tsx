import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactElement } from 'react';
import { Digest } from './Digest';
import { TimeAgo } from './TimeAgo';

/**
 * The newest freight of a monitored image: tag, short digest, age. Absent
 * before the first discovery.
 */
export function LatestFreight(props: {
  imageRef: string;
  latest?: { tag: string; digest: string; firstSeen: string };
  now: number;
}): ReactElement {
  const { latest } = props;
  if (!latest) {
    return (
      <Typography variant="body2" color="textSecondary">
        No freight yet
      </Typography>
    );
  }
  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      gridGap={6}
      component="span"
    >
      <Typography variant="body2" component="span">
        Latest: <code>{latest.tag}</code>
      </Typography>
      <Digest digest={latest.digest} imageRef={props.imageRef} />
      <Typography variant="body2" component="span" color="textSecondary">
        seen <TimeAgo iso={latest.firstSeen} now={props.now} />
      </Typography>
    </Box>
  );
}
