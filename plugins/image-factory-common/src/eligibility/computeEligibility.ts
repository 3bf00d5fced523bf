import { isActiveRebuildStatus } from '../api';
import { computeRetryDelay, isFailedRebuild } from './computeRetryDelay';
import { decideFreightState, FreightDecision } from './decideFreightState';
import { evaluateBaseImage } from './evaluateBaseImage';
import { formatDelay, formatInstant, toIsoInstant } from './formatReasonParts';
import type { EligibilityInput, EligibilityResult } from './types';

function parseTime(iso: string | undefined): number | undefined {
  if (iso === undefined) {
    return undefined;
  }
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : undefined;
}

function latest(...times: Array<number | undefined>): number | undefined {
  const known = times.filter((time): time is number => time !== undefined);
  return known.length > 0 ? Math.max(...known) : undefined;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function toIso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : toIsoInstant(ms);
}

/**
 * Decides whether a managed image should be rebuilt now, later (and when), or
 * not (docs/eligibility.md). Pure and deterministic for a given `now`, so the
 * backend decides with it and the browser counts down with it.
 *
 * Precedence: a running rebuild, then blocked, then no freight (`unknown`),
 * then what the freight says, held back by a failed rebuild's backoff and by
 * the coordination window after the previous trigger.
 *
 * Per base image the rebuild uses the newest digest that has aged past the
 * delay, never a younger one: a daily stream of upstream releases neither
 * starves the image nor skips the delay. Only digests that change the
 * platforms the image builds count (see `updateMatters`): an upstream index
 * re-published for another architecture leaves the image up to date, with a
 * `platformNote` on the base image that says so.
 *
 * @public
 */
export function computeEligibility(
  input: EligibilityInput,
  now: Date,
): EligibilityResult {
  const nowMs = now.getTime();
  const evaluations = input.baseImages.map(baseImage =>
    evaluateBaseImage(
      baseImage,
      input.delayMs,
      nowMs,
      input.platforms,
      input.bypassSeverity,
    ),
  );
  const baseImages = evaluations.map(evaluation => evaluation.digests);

  const active = input.activeRebuild;
  if (active && isActiveRebuildStatus(active.status)) {
    return {
      state: 'rebuilding',
      reasons: [describeActiveRebuild(active)],
      baseImages,
    };
  }
  if (input.blockedReasons.length > 0) {
    return { state: 'blocked', reasons: [...input.blockedReasons], baseImages };
  }
  if (!evaluations.some(evaluation => evaluation.hasFreight)) {
    return {
      state: 'unknown',
      reasons: [
        evaluations.length === 0
          ? 'No base images are known yet.'
          : `No freight has been discovered yet for ${baseImages
              .map(b => b.ref)
              .join(', ')}.`,
      ],
      baseImages,
    };
  }

  const decision = decideFreightState(evaluations, input.platforms);
  if (decision.state === 'up-to-date') {
    // A failure no longer matters once every base image is current.
    return { state: 'up-to-date', reasons: decision.reasons, baseImages };
  }
  const held = holdBack(decision, input, nowMs);
  const reasons = [...held.reasons];
  if (!input.autoRebuild && held.state !== 'failed') {
    reasons.push(
      held.state === 'eligible'
        ? 'Auto-rebuild is off: the rebuild waits for a person to start it.'
        : 'Auto-rebuild is off: once eligible, the rebuild waits for a person to start it.',
    );
  }
  return {
    state: held.state,
    eligibleAt: toIso(held.eligibleAt),
    reasons,
    // Only a rebuild that happens now bypasses the delay.
    ...(held.state === 'eligible' &&
      decision.fixes && { fixes: decision.fixes }),
    baseImages,
  };
}

function describeActiveRebuild(
  active: NonNullable<EligibilityInput['activeRebuild']>,
): string {
  const requestedAt = parseTime(active.requestedAt);
  const rebuild =
    requestedAt === undefined
      ? 'A rebuild'
      : `A rebuild requested at ${formatInstant(requestedAt)}`;
  return active.status === 'dispatched'
    ? `${rebuild} was sent; waiting for its run to appear.`
    : `${rebuild} is running.`;
}

interface HeldDecision {
  state: 'pending' | 'eligible' | 'failed';
  eligibleAt?: number;
  reasons: string[];
}

/** Applies the failed rebuild's backoff and the coordination window. */
function holdBack(
  decision: FreightDecision,
  input: EligibilityInput,
  nowMs: number,
): HeldDecision {
  const held: HeldDecision = {
    state: decision.state === 'eligible' ? 'eligible' : 'pending',
    eligibleAt: decision.eligibleAt,
    reasons: [],
  };
  const triggeredAt = parseTime(input.lastTriggeredAt);
  const windowEnd =
    triggeredAt === undefined
      ? undefined
      : triggeredAt + input.coordinationWindowMs;

  const last = input.lastRebuild;
  if (last && isFailedRebuild(last)) {
    const attempt = Math.max(1, last.attempt ?? 1);
    const failedAt = parseTime(last.finishedAt) ?? triggeredAt;
    const retryAt =
      failedAt === undefined
        ? undefined
        : failedAt + computeRetryDelay(attempt, input.retryBackoff);
    const error = last.error ?? 'no error was recorded';
    const failure =
      failedAt === undefined
        ? `The last rebuild failed: ${error}`
        : `The last rebuild failed at ${formatInstant(failedAt)}: ${error}`;
    if (retryAt !== undefined && nowMs < retryAt) {
      const eligibleAt = latest(retryAt, decision.eligibleAt, windowEnd);
      return {
        state: 'failed',
        eligibleAt,
        reasons: [
          failure,
          `After ${plural(
            attempt,
            'failed attempt',
          )} the next try waits for the backoff, until ${formatInstant(
            eligibleAt ?? retryAt,
          )}.`,
          ...decision.reasons,
        ],
      };
    }
    held.reasons.push(
      failure,
      `The backoff after ${plural(
        attempt,
        'failed attempt',
      )} is over; the next rebuild is attempt ${attempt + 1}.`,
    );
  }

  if (
    windowEnd !== undefined &&
    nowMs < windowEnd &&
    triggeredAt !== undefined
  ) {
    held.state = 'pending';
    held.eligibleAt = latest(held.eligibleAt, windowEnd);
    held.reasons.push(
      `A rebuild was triggered at ${formatInstant(
        triggeredAt,
      )}; the next one waits for the ${formatDelay(
        input.coordinationWindowMs,
      )} coordination window, until ${formatInstant(windowEnd)}.`,
    );
  }
  held.reasons.push(...decision.reasons);
  return held;
}
