/**
 * Where a managed image stands on the way to its next rebuild
 * (docs/eligibility.md, "States").
 *
 * - `up-to-date`: every base image is on its newest freight digest.
 * - `pending`: newer freight exists but has not aged past the rebuild delay yet.
 * - `eligible`: at least one newer digest has aged past the delay.
 * - `rebuilding`: a rebuild was triggered and its run is not finished.
 * - `failed`: the last trigger or run failed.
 * - `blocked`: analysis failed or no workflow is configured.
 * - `unknown`: no freight yet.
 *
 * @public
 */
export type EligibilityState =
  | 'up-to-date'
  | 'pending'
  | 'eligible'
  | 'rebuilding'
  | 'failed'
  | 'blocked'
  | 'unknown';

/**
 * Every {@link EligibilityState}, in the order a person reads them from "nothing
 * to do" to "needs attention". Filters and legends list states in this order.
 *
 * @public
 */
export const ELIGIBILITY_STATES: readonly EligibilityState[] = [
  'up-to-date',
  'pending',
  'eligible',
  'rebuilding',
  'failed',
  'blocked',
  'unknown',
];

/**
 * The rebuild eligibility of one image as served by the API.
 *
 * @public
 */
export interface Eligibility {
  state: EligibilityState;
  /**
   * ISO 8601 time at which the image becomes eligible. Set for `pending`;
   * for `eligible` it is the moment the first update aged past the delay.
   */
  eligibleAt?: string;
  /**
   * Human-readable reasons for the state, e.g. "no workflow: rebuilds are
   * manual-only" for `blocked`, or the trigger error for `failed`.
   */
  reasons: string[];
}
