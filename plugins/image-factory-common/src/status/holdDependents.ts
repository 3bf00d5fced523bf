import type { ImageStatus } from '../api';
import { repositoryOf } from './repositoryOf';

/**
 * Holds back, along chains of internal base images, the images whose
 * upstream is about to change: an `eligible` managed image built, directly or
 * through other managed images, on an image that is itself `eligible` or
 * `rebuilding` becomes `pending` (no `eligibleAt`), its reasons naming that
 * upstream first. Built now, it would be built again once the upstream's new
 * digest lands; held, it is built once, on the new digest. Images in a build
 * cycle are blocked (`findBuildCycles`) and hold nothing back.
 *
 * @public
 */
export function holdDependents(
  statuses: readonly ImageStatus[],
): ImageStatus[] {
  const builder = new Map<string, ImageStatus>();
  for (const status of statuses) {
    if (status.kind === 'managed') {
      builder.set(repositoryOf(status.enrollment.image), status);
    }
  }
  const upstreamsOf = (status: ImageStatus) =>
    status.baseImages.flatMap(base => {
      const upstream = builder.get(repositoryOf(base.ref));
      return upstream && upstream !== status ? [{ upstream, base }] : [];
    });
  // The nearest upstream that is eligible or rebuilding, breadth first.
  const busyUpstreamOf = (status: ImageStatus) => {
    const seen = new Set<ImageStatus>([status]);
    let layer = upstreamsOf(status);
    while (layer.length > 0) {
      const busy = layer.find(({ upstream }) =>
        ['eligible', 'rebuilding'].includes(upstream.eligibility.state),
      );
      if (busy) return busy;
      layer.forEach(({ upstream }) => seen.add(upstream));
      layer = layer
        .flatMap(({ upstream }) => upstreamsOf(upstream))
        .filter(({ upstream }) => !seen.has(upstream));
    }
    return undefined;
  };
  return statuses.map(status => {
    if (status.kind !== 'managed' || status.eligibility.state !== 'eligible') {
      return status;
    }
    const busy = busyUpstreamOf(status);
    if (!busy) return status;
    const { upstream } = busy;
    const direct = status.baseImages.some(
      base =>
        repositoryOf(base.ref) === repositoryOf(upstream.enrollment.image),
    );
    const {
      eligibleAt: _eligibleAt,
      fixes: _fixes,
      ...rest
    } = status.eligibility;
    return {
      ...status,
      eligibility: {
        ...rest,
        state: 'pending',
        reasons: [
          `Waits for ${upstream.entityRef}, which builds ${
            direct ? 'its base image' : 'an image its base images are built on'
          } (${upstream.enrollment.image}), to be rebuilt first (it is ${
            upstream.eligibility.state
          }): built now, this image would be built again on the new digest.`,
          ...status.eligibility.reasons,
        ],
      },
    };
  });
}
