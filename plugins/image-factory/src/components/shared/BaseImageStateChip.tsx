import { ImageBaseImage } from '@image-factory/backstage-plugin-image-factory-common';
import { ReactElement } from 'react';
import {
  BaseImageState,
  describeBaseImageState,
} from './describeBaseImageState';
import { StateChip, StateTone } from './StateChip';

const TONES: Record<BaseImageState, StateTone> = {
  'up-to-date': 'ok',
  pending: 'waiting',
  eligible: 'action',
  unknown: 'unknown',
  error: 'error',
};

/** Whether one base image of a managed image has an update waiting. */
export function BaseImageStateChip(props: {
  baseImage: ImageBaseImage;
}): ReactElement {
  const { state, label } = describeBaseImageState(props.baseImage);
  return <StateChip label={label} tone={TONES[state]} />;
}
