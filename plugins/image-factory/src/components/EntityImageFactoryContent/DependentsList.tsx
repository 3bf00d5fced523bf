import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ImageStatus } from '@image-factory/backstage-plugin-image-factory-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactElement } from 'react';
import { BaseImageLink } from '../shared/BaseImageLink';

function EntityRefList(props: { label: string; entityRefs: string[] }) {
  return (
    <ul aria-label={props.label}>
      {props.entityRefs.map(ref => (
        <li key={ref}>
          <EntityRefLink entityRef={ref} />
        </li>
      ))}
    </ul>
  );
}

/**
 * Which images are built on this image, and which share each of its base
 * images: a base image update reaches all of them at once.
 */
export function DependentsList(props: { status: ImageStatus }): ReactElement {
  const { status } = props;
  const shared = status.baseImages
    .map(baseImage => ({
      ref: baseImage.ref,
      name: baseImage.name,
      others: baseImage.dependents.filter(ref => ref !== status.entityRef),
    }))
    .filter(entry => entry.others.length > 0);

  return (
    <Box>
      <Typography variant="subtitle2" component="h3">
        Built on this image
      </Typography>
      {status.dependents.length > 0 ? (
        <EntityRefList
          label="Images built on this image"
          entityRefs={status.dependents}
        />
      ) : (
        <Typography variant="body2" color="textSecondary" paragraph>
          No enrolled image uses this image.
        </Typography>
      )}
      {shared.map(entry => (
        <Box key={entry.ref} mt={1}>
          <Typography variant="subtitle2" component="h3">
            Also on <BaseImageLink name={entry.name} imageRef={entry.ref} />
          </Typography>
          <EntityRefList
            label={`Other images on ${entry.ref}`}
            entityRefs={entry.others}
          />
        </Box>
      ))}
    </Box>
  );
}
