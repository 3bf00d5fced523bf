import { Freight } from '@internal/plugin-image-factory-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactElement } from 'react';
import { Digest } from './Digest';
import { TimeAgo } from './TimeAgo';

/** The newest freight of a monitored image: tag, short digest, age. */
export function LatestFreight(props: {
  imageRef: string;
  freight: Freight[];
  now: number;
}): ReactElement {
  const latest = props.freight[0];
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
