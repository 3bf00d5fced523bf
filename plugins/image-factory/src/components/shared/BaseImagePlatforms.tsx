import { ImageBaseImage } from '@image-factory/backstage-plugin-image-factory-common';
import Typography from '@material-ui/core/Typography';
import { ReactElement } from 'react';

/**
 * "linux/arm64 only" next to a base image the Dockerfile uses for only some of
 * the image's platforms (`FROM golang:1.22-$TARGETARCH`); nothing when every
 * platform uses it.
 */
export function BaseImagePlatforms(props: {
  baseImage: ImageBaseImage;
}): ReactElement | null {
  const { platforms } = props.baseImage;
  if (!platforms || platforms.length === 0) {
    return null;
  }
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      component="span"
      title="Only the builds for these platforms use this base image; only its manifests for them make the image stale."
    >
      {platforms.join(', ')} only
    </Typography>
  );
}
