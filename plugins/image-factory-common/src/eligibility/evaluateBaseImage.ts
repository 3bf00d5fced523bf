import {
  describeUnchangedPlatforms,
  TimedFreight,
  walkFreight,
} from './relevantUpdates';
import {
  compareVulnerabilities,
  SEVERITIES,
  type IdsBySeverity,
  type Severity,
} from '../supplyChain';
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
  /**
   * Set when {@link BaseImageEvaluation.eligible} is eligible before the
   * delay on evidence: the ids at or above the bypass severity it fixes.
   */
  fixes?: string[];
  /** Newer digests that add ids at or above the bypass severity: never chosen to skip the delay. */
  flagged: Array<{ freight: TimedFreight; adds: string[] }>;
  /** The delay that applied: the base image's own, else the image's. */
  delayMs: number;
}

// The newest newer digest that fixes ids at or above the bypass severity
// which the built digest has and adds none, and the digests that add some.
function weighEvidence(
  baseImage: EligibilityBaseImageInput,
  newer: readonly TimedFreight[],
  severity: Severity,
) {
  const built = baseImage.freight.find(
    record => record.digest === baseImage.builtDigest,
  )?.vulnerabilities;
  const severe = SEVERITIES.slice(0, SEVERITIES.indexOf(severity) + 1);
  const atOrAbove = (ids: IdsBySeverity) => severe.flatMap(s => ids[s] ?? []);
  let bypass: { freight: TimedFreight; fixes: string[] } | undefined;
  const flagged: BaseImageEvaluation['flagged'] = [];
  for (const freight of newer) {
    const change = compareVulnerabilities(
      built,
      freight.record.vulnerabilities,
    );
    if (!change) continue;
    const adds = atOrAbove(change.added);
    const fixes = atOrAbove(change.fixed);
    if (adds.length > 0) {
      flagged.push({ freight, adds });
    } else if (fixes.length > 0) {
      bypass = { freight, fixes };
    }
  }
  return { bypass, flagged };
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

// When the oldest newer digest ages past the delay, or the digest evidence
// makes eligible is first seen, whichever is first.
function firstEligibleAt(
  newer: readonly TimedFreight[],
  delayMs: number,
  bypass: TimedFreight | undefined,
): number | undefined {
  const aging = newer.length > 0 ? newer[0].seenAt + delayMs : undefined;
  if (!bypass) return aging;
  return Math.min(bypass.seenAt, aging ?? bypass.seenAt);
}

/**
 * Decides, for one base image, which freight is newer than the digest the
 * managed image was built on, matters to the platforms it builds, and has aged
 * past the delay.
 */
export function evaluateBaseImage(
  baseImage: EligibilityBaseImageInput,
  imageDelayMs: number,
  nowMs: number,
  platforms: readonly string[] | undefined,
  bypassSeverity?: Severity,
): BaseImageEvaluation {
  const delayMs = baseImage.delayMs ?? imageDelayMs;
  const walk = walkFreight(baseImage, platforms);
  const { timeline, relevant } = walk;
  const newer = relevant.filter(entry => mayBuildOn(baseImage, entry));
  const unverified = relevant.filter(entry => !mayBuildOn(baseImage, entry));
  const agedBefore = nowMs - delayMs;
  const aged = newer.filter(record => record.seenAt <= agedBefore);
  const evidence = bypassSeverity
    ? weighEvidence(baseImage, newer, bypassSeverity)
    : { bypass: undefined, flagged: [] };
  let eligible = aged.length > 0 ? aged[aged.length - 1] : undefined;
  // Evidence skips the delay only for a digest newer than the aged one.
  const bypass =
    evidence.bypass &&
    (!eligible || evidence.bypass.freight.seenAt > eligible.seenAt)
      ? evidence.bypass
      : undefined;
  if (bypass) {
    eligible = bypass.freight;
  }
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
    firstAgedAt: firstEligibleAt(newer, delayMs, bypass?.freight),
    unverified,
    ...(bypass && { fixes: bypass.fixes }),
    flagged: evidence.flagged,
    delayMs,
  };
}
