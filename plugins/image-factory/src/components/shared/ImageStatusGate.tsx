import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import { ImageStatus } from '@image-factory/backstage-plugin-image-factory-common';
import { ReactElement } from 'react';
import { ImageStatusState } from './useImageStatus';

/**
 * Renders loading, "not analysed yet" and error states of an image status, and
 * the children once it is there. Keeps showing the last status while reloading.
 */
export function ImageStatusGate(props: {
  state: ImageStatusState;
  children: (status: ImageStatus) => ReactElement;
}): ReactElement {
  const { error, value } = props.state;
  if (value) {
    return props.children(value);
  }
  if (error) {
    if (ResponseError.is(error) && error.statusCode === 404) {
      return (
        <EmptyState
          missing="data"
          title="Not analysed yet"
          description="This entity is enrolled in the Image Factory, but its image has not been analysed yet. Its base images and rebuild status appear after the next analysis run."
        />
      );
    }
    return <ResponseErrorPanel error={error} />;
  }
  return <Progress />;
}
