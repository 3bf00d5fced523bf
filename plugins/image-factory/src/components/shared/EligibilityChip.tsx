import { EligibilityState } from '@image-factory/backstage-plugin-image-factory-common';
import { ReactElement } from 'react';
import { labelEligibilityState } from './describeEligibility';
import { StateChip, StateTone } from './StateChip';

const TONES: Record<EligibilityState, StateTone> = {
  'up-to-date': 'ok',
  pending: 'waiting',
  eligible: 'action',
  rebuilding: 'running',
  failed: 'error',
  blocked: 'blocked',
  unknown: 'unknown',
};

/** The eligibility state of an image as a chip. */
export function EligibilityChip(props: {
  state: EligibilityState;
}): ReactElement {
  return (
    <StateChip
      label={labelEligibilityState(props.state)}
      tone={TONES[props.state]}
    />
  );
}
