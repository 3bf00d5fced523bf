import { ImageStatus, isActiveRebuildStatus, RebuildRecord } from '../api';
import { parseDuration } from '../durations';
import { computeEligibility } from '../eligibility';
import type { Severity } from '../supplyChain';

/**
 * Computes a managed image's eligibility (docs/eligibility.md) from its status
 * document and writes it in, with the latest and eligible digest of each base
 * image and, where its index moved only for platforms the image does not build,
 * a platform note. Only updates that change the image's platforms count. The
 * pipeline's projection and a rebuild requested between two runs both use it, so
 * the two can never disagree.
 *
 * @public
 */
export function applyEligibility(
  status: ImageStatus,
  options: {
    coordinationWindowMs: number;
    now: Date;
    /** `imageFactory.supplyChain.bypassSeverity`; absent: off. */
    bypassSeverity?: Severity;
  },
): ImageStatus {
  const { enrollment, analysis, rebuilds } = status;
  const blockedReasons = [
    ...(status.blockedBy ?? []),
    ...enrollment.errors
      .filter(
        e => e.annotation === 'image-factory.io/image' || e.blocksRebuilds,
      )
      .map(e => `${e.annotation}: ${e.message}`),
    ...(analysis.status === 'failed'
      ? [`Dockerfile analysis failed: ${analysis.error}`]
      : []),
    ...(enrollment.workflow
      ? []
      : [
          'No workflow is configured (annotation image-factory.io/workflow), so the Image Factory cannot trigger a build',
        ]),
  ];
  const active = rebuilds.find(r => isActiveRebuildStatus(r.status));
  const last = rebuilds[0];
  const result = computeEligibility(
    {
      delayMs: parseDuration(enrollment.rebuildDelay),
      autoRebuild: enrollment.autoRebuild,
      blockedReasons,
      baseImages: status.baseImages.map(base => ({
        ref: base.ref,
        builtDigest: base.builtDigest,
        // The API lists updates newest first; eligibility orders them by first
        // seen and keeps records seen at the same instant in the given order,
        // so they go in oldest first, as the state records them.
        freight: [...base.updates].reverse(),
        platforms: base.platforms,
        signatureMode: base.signatureMode,
        ...(base.delay !== undefined && { delayMs: parseDuration(base.delay) }),
      })),
      platforms: enrollment.platforms,
      activeRebuild: active && {
        requestedAt: active.requestedAt,
        status: active.status,
      },
      lastRebuild: last && {
        status: last.status,
        conclusion: last.conclusion,
        error:
          last.verification?.outcome === 'mismatch'
            ? last.verification.detail
            : last.error,
        attempt: consecutiveFailures(rebuilds),
        ...(last.verification && {
          verification: last.verification.outcome,
        }),
      },
      coordinationWindowMs: options.coordinationWindowMs,
      lastTriggeredAt: last?.requestedAt,
      bypassSeverity: options.bypassSeverity,
    },
    options.now,
  );
  const digests = new Map(result.baseImages.map(b => [b.ref, b]));
  return {
    ...status,
    baseImages: status.baseImages.map(({ platformNote: _note, ...base }) => {
      const decided = digests.get(base.ref);
      return {
        ...base,
        latestDigest: decided?.latestDigest ?? base.latestDigest,
        latestRelevantDigest:
          decided?.latestRelevantDigest ?? base.latestDigest,
        eligibleDigest: decided?.eligibleDigest ?? null,
        ...(decided?.platformNote && { platformNote: decided.platformNote }),
      };
    }),
    eligibility: {
      state: result.state,
      ...(result.eligibleAt ? { eligibleAt: result.eligibleAt } : {}),
      reasons: result.reasons,
      ...(result.fixes && { fixes: result.fixes }),
    },
  };
}

// Newest first: failures since the last success set the retry backoff.
function consecutiveFailures(rebuilds: RebuildRecord[]): number {
  let count = 0;
  for (const rebuild of rebuilds) {
    const failed =
      rebuild.status === 'failed' ||
      rebuild.conclusion === 'failure' ||
      rebuild.verification?.outcome === 'mismatch';
    if (!failed) break;
    count += 1;
  }
  return count;
}
