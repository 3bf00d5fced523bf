/**
 * Rebuild eligibility (docs/eligibility.md): pure, shared by the backend's
 * rebuild task and the frontend's live countdown.
 */
export * from './types';
export { computeEligibility } from './computeEligibility';
export {
  computeRetryDelay,
  DEFAULT_RETRY_BACKOFF,
  isFailedRebuild,
} from './computeRetryDelay';
export { formatInstant } from './formatReasonParts';
export { formatCountdown } from './formatCountdown';
export { orderRebuilds } from './orderRebuilds';
export type { OrderRebuildsOptions, RebuildCandidate } from './orderRebuilds';
export { selectRebuildDigests } from './selectRebuildDigests';
export { nextDigestBefore } from './nextDigestBefore';
export type {
  RebuildBaseDigest,
  RebuildDigestInput,
  SelectRebuildDigestsOptions,
} from './selectRebuildDigests';
export { updateMatters } from './updateMatters';
export type { PlatformDigestRecord } from './updateMatters';
export { listRelevantUpdates } from './relevantUpdates';
