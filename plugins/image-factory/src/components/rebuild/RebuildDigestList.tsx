import {
  ImageBaseImage,
  selectRebuildDigests,
} from '@image-factory/backstage-plugin-image-factory-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { ReactElement } from 'react';
import { Digest } from '../shared/Digest';
import { TimeAgo } from '../shared/TimeAgo';
import { WrappingCode } from '../shared/WrappingCode';

/**
 * The digest each base image would be built on, chosen by the same rule as
 * the backend's, with when each digest was first seen: what the person
 * confirming a rebuild agrees to.
 */
export function RebuildDigestList(props: {
  baseImages: ImageBaseImage[];
  bypassDelay: boolean;
  now: number;
}): ReactElement {
  const { baseImages, bypassDelay, now } = props;
  const chosen = selectRebuildDigests(baseImages, { bypassDelay });
  if (chosen.length === 0) {
    return <>No base image has a digest to build on yet.</>;
  }
  return (
    <List dense aria-label="Digests the rebuild builds on" disablePadding>
      {chosen.map(({ ref, digest }) => {
        const base = baseImages.find(b => b.ref === ref);
        const firstSeen = base?.updates.find(
          u => u.digest === digest,
        )?.firstSeen;
        return (
          <ListItem key={ref} disableGutters>
            <ListItemText
              primary={<WrappingCode>{ref}</WrappingCode>}
              secondary={
                <>
                  <Digest digest={digest} />
                  {digest === base?.builtDigest
                    ? ', the digest it is built on now'
                    : firstSeen && (
                        <>
                          , first seen <TimeAgo iso={firstSeen} now={now} />
                        </>
                      )}
                </>
              }
            />
          </ListItem>
        );
      })}
    </List>
  );
}
