import type { BaseImageEvaluation } from './evaluateBaseImage';
import { formatDelay, formatInstant, shortenDigest } from './formatReasonParts';
import { formatPlatformScope } from './relevantUpdates';

/** The eligibility that freight alone decides, before rebuilds are considered. */
export interface FreightDecision {
  state: 'up-to-date' | 'pending' | 'eligible';
  /** Epoch milliseconds; set for `pending` and `eligible`. */
  eligibleAt?: number;
  reasons: string[];
  /** For `eligible` on evidence: the ids the newer digests fix. */
  fixes?: string[];
}

function describeEligible(evaluation: BaseImageEvaluation, delay: string) {
  const { digests, eligible, newer, fixes } = evaluation;
  if (!eligible) {
    return [];
  }
  if (fixes) {
    return [
      `${digests.ref} moves from ${shortenDigest(
        digests.builtDigest,
      )} to ${shortenDigest(eligible.digest)}, first seen ${formatInstant(
        eligible.seenAt,
      )}, before the ${delay} delay: it fixes ${fixes.join(
        ', ',
      )}, which the built digest has.`,
    ];
  }
  const sentences = [
    `${digests.ref} moves from ${shortenDigest(
      digests.builtDigest,
    )} to ${shortenDigest(eligible.digest)}, first seen ${formatInstant(
      eligible.seenAt,
    )} and aged past the ${delay} delay.`,
  ];
  const younger = newer[newer.length - 1];
  if (younger.seenAt > eligible.seenAt) {
    sentences.push(
      `${digests.ref} also has ${shortenDigest(
        younger.digest,
      )}, first seen ${formatInstant(
        younger.seenAt,
      )}; it is younger than the delay and waits for a later rebuild.`,
    );
  }
  return sentences;
}

function describePending(evaluation: BaseImageEvaluation, delay: string) {
  const { digests, newer, firstAgedAt } = evaluation;
  if (evaluation.eligible || newer.length === 0 || firstAgedAt === undefined) {
    return [];
  }
  return [
    `${digests.ref} has ${shortenDigest(
      newer[0].digest,
    )}, first seen ${formatInstant(
      newer[0].seenAt,
    )}; it ages past the ${delay} delay at ${formatInstant(firstAgedAt)}.`,
  ];
}

// Why newer freight is not built on: signatures are required and its
// signature is not verified. One sentence for the newest such digest.
function describeUnverified(evaluation: BaseImageEvaluation): string[] {
  const { digests, unverified } = evaluation;
  if (unverified.length === 0) {
    return [];
  }
  const newest = unverified[unverified.length - 1];
  const why =
    newest.record.signature?.detail ?? 'its signature has not been checked yet';
  const others =
    unverified.length > 1
      ? ` (nor ${unverified.length - 1} older digest${
          unverified.length > 2 ? 's' : ''
        } without a verified signature)`
      : '';
  return [
    `${digests.ref} has ${shortenDigest(
      newest.digest,
    )}, first seen ${formatInstant(
      newest.seenAt,
    )}, which is not built on because signatures are required: ${lowerFirst(
      why,
    )}${others}.`,
  ];
}

// Newer digests that add severe vulnerabilities: flagged, never chosen to
// skip the delay.
function describeFlagged(evaluation: BaseImageEvaluation): string[] {
  return evaluation.flagged.map(
    ({ freight, adds }) =>
      `${evaluation.digests.ref} has ${shortenDigest(
        freight.digest,
      )}, which adds ${adds.join(', ')}: it is never chosen to skip the delay.`,
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1).replace(/\.$/, '');
}

function earliest(times: Array<number | undefined>): number | undefined {
  const known = times.filter((time): time is number => time !== undefined);
  return known.length > 0 ? Math.min(...known) : undefined;
}

/**
 * Decides up-to-date, pending or eligible from the base images' freight
 * (docs/eligibility.md, "Cooling-off delay"), with one sentence per base
 * image that has news: freight that matters to the image's platforms.
 */
export function decideFreightState(
  evaluations: BaseImageEvaluation[],
  platforms: readonly string[] | undefined,
): FreightDecision {
  // Each base image's own: an internal one may have a delay of its own.
  const delayOf = (evaluation: BaseImageEvaluation) =>
    formatDelay(evaluation.delayMs);
  const withoutFreight = evaluations
    .filter(evaluation => !evaluation.hasFreight)
    .map(
      ({ digests }) =>
        `No freight has been discovered yet for ${digests.ref}; it is left as built.`,
    );
  const eligible = evaluations.filter(evaluation => evaluation.eligible);
  const flagged = evaluations.flatMap(describeFlagged);
  if (eligible.length > 0) {
    const fixes = [
      ...new Set(evaluations.flatMap(evaluation => evaluation.fixes ?? [])),
    ].sort();
    return {
      state: 'eligible',
      ...(fixes.length > 0 && { fixes }),
      // The moment the first update aged: "oldest eligibility first" sorts on it.
      eligibleAt: earliest(eligible.map(evaluation => evaluation.firstAgedAt)),
      reasons: [
        ...evaluations.flatMap(evaluation =>
          describeEligible(evaluation, delayOf(evaluation)),
        ),
        ...evaluations.flatMap(evaluation =>
          describePending(evaluation, delayOf(evaluation)),
        ),
        ...evaluations.flatMap(describeUnverified),
        ...flagged,
        ...withoutFreight,
      ],
    };
  }
  const pending = evaluations.filter(evaluation => evaluation.newer.length > 0);
  if (pending.length > 0) {
    return {
      state: 'pending',
      eligibleAt: earliest(pending.map(evaluation => evaluation.firstAgedAt)),
      reasons: [
        ...evaluations.flatMap(evaluation =>
          describePending(evaluation, delayOf(evaluation)),
        ),
        ...evaluations.flatMap(describeUnverified),
        ...flagged,
        ...withoutFreight,
      ],
    };
  }
  // An index that moved without changing the image's platforms is no news:
  // the image is on the newest digest of what it builds.
  const scope = evaluations.some(evaluation => evaluation.digests.platformNote)
    ? formatPlatformScope(platforms)
    : '';
  const unverified = evaluations.flatMap(describeUnverified);
  const newest =
    unverified.length > 0
      ? 'newest digest that may be built on'
      : 'newest digest';
  return {
    state: 'up-to-date',
    reasons: [
      withoutFreight.length > 0
        ? `Every base image with freight is on its ${newest}${scope}.`
        : `Every base image is on its ${newest}${scope}.`,
      ...unverified,
      ...flagged,
      ...withoutFreight,
    ],
  };
}
