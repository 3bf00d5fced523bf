import type { BaseImageEligibility, EligibilityBaseImageInput } from './types';

/** A freight record with its first-seen time in epoch milliseconds. */
export interface TimedFreight {
  digest: string;
  seenAt: number;
}

/** What one base image contributes to the eligibility of its managed image. */
export interface BaseImageEvaluation {
  digests: BaseImageEligibility;
  hasFreight: boolean;
  /** Freight first seen after the built digest, oldest first. */
  newer: TimedFreight[];
  /** The newest of {@link BaseImageEvaluation.newer} that has aged past the delay. */
  eligible?: TimedFreight;
  /** When the oldest newer digest ages (or aged) past the delay. */
  firstAgedAt?: number;
}

/**
 * Decides, for one base image, which freight is newer than the digest the
 * managed image was built on and which of it has aged past the delay.
 */
export function evaluateBaseImage(
  baseImage: EligibilityBaseImageInput,
  delayMs: number,
  nowMs: number,
): BaseImageEvaluation {
  // Records with an unreadable time can never be shown to have aged, so they
  // are left out rather than guessed at.
  const timeline = baseImage.freight
    .map((record, index) => ({
      digest: record.digest,
      seenAt: Date.parse(record.firstSeen),
      index,
    }))
    .filter(record => Number.isFinite(record.seenAt))
    .sort((a, b) => a.seenAt - b.seenAt || a.index - b.index)
    .map(({ digest, seenAt }) => ({ digest, seenAt }));

  // A tag can move back to a digest it carried before; the built digest's
  // latest appearance is the one that counts, so older freight never looks new.
  let builtPosition = -1;
  timeline.forEach((record, position) => {
    if (record.digest === baseImage.builtDigest) {
      builtPosition = position;
    }
  });
  const newer = timeline.slice(builtPosition + 1);
  const agedBefore = nowMs - delayMs;
  const aged = newer.filter(record => record.seenAt <= agedBefore);
  const eligible = aged.length > 0 ? aged[aged.length - 1] : undefined;
  const latest =
    timeline.length > 0 ? timeline[timeline.length - 1] : undefined;

  return {
    digests: {
      ref: baseImage.ref,
      builtDigest: baseImage.builtDigest,
      latestDigest: latest?.digest ?? null,
      eligibleDigest: eligible?.digest ?? null,
    },
    hasFreight: timeline.length > 0,
    newer,
    eligible,
    firstAgedAt: newer.length > 0 ? newer[0].seenAt + delayMs : undefined,
  };
}
