import type { EligibilityInput } from './types';

// Helpers for the eligibility tests: a fixed epoch and readable digests so a
// table row reads like the timeline it describes.

/** Midnight, 1 January 2025 UTC: day 0 of every test timeline. */
export const EPOCH = Date.UTC(2025, 0, 1);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** The moment `days` days (and `hours` hours) after {@link EPOCH}. */
export function at(days: number, hours = 0): Date {
  return new Date(EPOCH + days * DAY + hours * HOUR);
}

/** ISO form of {@link at}. */
export function iso(days: number, hours = 0): string {
  return at(days, hours).toISOString();
}

/** A distinct, valid sha256 digest per label. */
export function digest(label: string | number): string {
  const hex = Array.from(String(label))
    .map(char => char.charCodeAt(0).toString(16).padStart(2, '0'))
    .join('');
  return `sha256:${hex.padStart(64, '0')}`;
}

/** An input with one base image and the product defaults (7d delay, 1h window). */
export function input(
  overrides: Partial<EligibilityInput> = {},
): EligibilityInput {
  return {
    delayMs: 7 * DAY,
    autoRebuild: true,
    blockedReasons: [],
    baseImages: [],
    coordinationWindowMs: HOUR,
    ...overrides,
  };
}
