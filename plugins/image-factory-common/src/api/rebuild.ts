import { RebuildStatus } from '../schema/openapi';

/**
 * Whether a rebuild with this status has not finished: it holds the image in
 * the `rebuilding` state.
 *
 * @public
 */
export function isActiveRebuildStatus(status: RebuildStatus): boolean {
  return (
    status === 'requested' || status === 'dispatched' || status === 'running'
  );
}

/**
 * Minimum length of an emergency rebuild justification, after trimming. Shared
 * so the form and the backend reject the same input.
 *
 * @public
 */
export const EMERGENCY_JUSTIFICATION_MIN_LENGTH = 20;

/** Fewest words an emergency justification must have. */
const MIN_WORDS = 3;

/**
 * Why an emergency justification is not acceptable, or undefined when it is:
 * at least {@link EMERGENCY_JUSTIFICATION_MIN_LENGTH} characters and three
 * words after trimming, on one line without control characters. It is audited
 * and passed to the build, so it must read as a sentence, not as padding, and
 * can carry nothing a terminal or a log would interpret.
 *
 * @public
 */
export function checkEmergencyJustification(
  justification: string | undefined,
): string | undefined {
  const text = justification?.trim() ?? '';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) {
    return 'an emergency justification must be one line without control characters';
  }
  if (text.length < EMERGENCY_JUSTIFICATION_MIN_LENGTH) {
    return `an emergency rebuild needs a justification of at least ${EMERGENCY_JUSTIFICATION_MIN_LENGTH} characters`;
  }
  const words = text.split(/\s+/).filter(word => /[\p{L}\p{N}]/u.test(word));
  if (words.length < MIN_WORDS) {
    return `an emergency justification needs at least ${MIN_WORDS} words saying what is fixed and why it cannot wait`;
  }
  return undefined;
}
