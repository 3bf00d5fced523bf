import { ImageBaseImage } from '@image-factory/backstage-plugin-image-factory-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactElement } from 'react';
import { BaseImagePlatforms } from '../shared/BaseImagePlatforms';
import { BaseImageStateChip } from '../shared/BaseImageStateChip';
import { LatestFreight } from '../shared/LatestFreight';
import { BaseImageLink } from '../shared/BaseImageLink';
import { ErrorText } from '../shared/ErrorText';
import { LatestSignatureChip } from '../shared/SignatureChip';
import { VulnerabilityChangeNote } from '../shared/VulnerabilityChangeNote';

// The newest update of a base image, with the tag it was seen behind.
function latestOf(baseImage: ImageBaseImage) {
  const [newest] = baseImage.updates;
  return newest && { tag: baseImage.tag, ...newest };
}

/** The base images of a managed image, each with its state and latest freight. */
export function CardBaseImageList(props: {
  baseImages: ImageBaseImage[];
  now: number;
}): ReactElement {
  return (
    <List dense disablePadding aria-label="Base images">
      {props.baseImages.map(baseImage => (
        <ListItem key={baseImage.ref} disableGutters divider>
          <Box display="flex" flexDirection="column" gridGap={4} width="100%">
            <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
              <Typography variant="body2" component="span">
                <BaseImageLink name={baseImage.name} imageRef={baseImage.ref} />
              </Typography>
              <BaseImagePlatforms baseImage={baseImage} />
              <BaseImageStateChip baseImage={baseImage} />
              <LatestSignatureChip baseImage={baseImage} />
            </Box>
            <LatestFreight
              imageRef={baseImage.ref}
              latest={latestOf(baseImage)}
              now={props.now}
            />
            <VulnerabilityChangeNote
              baseImage={baseImage}
              digest={baseImage.eligibleDigest ?? baseImage.latestDigest}
            />
            {baseImage.error && <ErrorText>{baseImage.error}</ErrorText>}
            {baseImage.platformNote && (
              <Typography variant="body2" color="textSecondary">
                {baseImage.platformNote}
              </Typography>
            )}
          </Box>
        </ListItem>
      ))}
    </List>
  );
}
