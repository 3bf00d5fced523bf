import {
  describeUnchangedPlatforms,
  TimedFreight,
  walkFreight,
} from './relevantUpdates';
import type { BaseImageEligibility, EligibilityBaseImageInput } from './types';

export type { TimedFreight } from './relevantUpdates';

/** What one base image contributes to the eligibility of its managed image. */
export interface BaseImageEvaluation {
  digests: BaseImageEligibility;
  hasFreight: boolean;
  /**
   * Freight first seen after the built digest that matters to the image's
   * platforms, oldest first.
   */
  newer: TimedFreight[];
  /** The newest of {@link BaseImageEvaluation.newer} that has aged past the delay. */
  eligible?: TimedFreight;
  /** When the oldest newer digest ages (or aged) past the delay. */
  firstAgedAt?: number;
  /**
   * Freight that would be newer but may not be built on, because signatures
   * are required and its signature is not verified; oldest first. Left out
   * of every other field.
   */
  unverified: TimedFreight[];
}

// With signatures required, only verified freight may be built on.
function mayBuildOn(
  baseImage: EligibilityBaseImageInput,
  entry: TimedFreight,
): boolean {
  return (
    baseImage.signatureMode !== 'require' ||
    entry.record.signature?.state === 'verified'
  );
}

/**
 * Decides, for one base image, which freight is newer than the digest the
 * managed image was built on, matters to the platforms it builds, and has aged
 * past the delay.
 */
export function evaluateBaseImage(
  baseImage: EligibilityBaseImageInput,
  delayMs: number,
  nowMs: number,
  platforms: readonly string[] | undefined,
): BaseImageEvaluation {
  const walk = walkFreight(baseImage, platforms);
  const { timeline, relevant } = walk;
  const newer = relevant.filter(entry => mayBuildOn(baseImage, entry));
  const unverified = relevant.filter(entry => !mayBuildOn(baseImage, entry));
  const agedBefore = nowMs - delayMs;
  const aged = newer.filter(record => record.seenAt <= agedBefore);
  const eligible = aged.length > 0 ? aged[aged.length - 1] : undefined;
  const latest =
    timeline.length > 0 ? timeline[timeline.length - 1] : undefined;
  const latestRelevant =
    newer.length > 0 ? newer[newer.length - 1].digest : baseImage.builtDigest;
  const platformNote = describeUnchangedPlatforms(walk);

  return {
    digests: {
      ref: baseImage.ref,
      builtDigest: baseImage.builtDigest,
      latestDigest: latest?.digest ?? null,
      latestRelevantDigest: latest ? latestRelevant : null,
      eligibleDigest: eligible?.digest ?? null,
      ...(platformNote && { platformNote }),
    },
    hasFreight: timeline.length > 0,
    newer,
    eligible,
    firstAgedAt: newer.length > 0 ? newer[0].seenAt + delayMs : undefined,
    unverified,
  };
}
