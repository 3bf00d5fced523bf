import { EligibilityState, eligibilityStateValues } from '../schema/openapi';

/**
 * Every {@link EligibilityState}, in the order a person reads them from "nothing
 * to do" to "needs attention": the order of the spec's enumeration. Filters and
 * legends list states in this order.
 *
 * @public
 */
export const ELIGIBILITY_STATES: readonly EligibilityState[] =
  eligibilityStateValues;
