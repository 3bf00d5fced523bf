import { formatInstant, shortenDigest } from './formatReasonParts';
import type { EligibilityBaseImageInput, EligibilityFreight } from './types';
import { updateMatters } from './updateMatters';

/** A freight record with its first-seen time in epoch milliseconds. */
export interface TimedFreight {
  digest: string;
  seenAt: number;
  /** The record as given. */
  record: EligibilityFreight;
}

/** One base image's freight as an image built for some platforms sees it. */
export interface FreightWalk {
  /** Every record with a readable time, oldest first. */
  timeline: TimedFreight[];
  /**
   * The records after the built digest that matter to the image (see
   * {@link updateMatters}), oldest first: each against the built digest or
   * the update before it that mattered.
   */
  relevant: TimedFreight[];
  /**
   * The newest record, when it is newer than the built digest and does not
   * matter; `since` is the digest its platforms are the same as (the built
   * digest, or the newest relevant update).
   */
  unchanged?: { update: TimedFreight; since: TimedFreight; built: boolean };
  /** The platforms whose manifests were compared (see {@link platformsOf}). */
  platforms: readonly string[] | undefined;
}

/**
 * The platforms whose manifests decide for one base image: those of the image
 * that the Dockerfile uses the base image for. A base image used for every
 * platform, or an image without platforms, keeps the image's. When the two
 * share none (a base image recorded by an analysis of other platforms than the
 * image builds now), the image's: when in doubt, rebuild.
 */
function platformsOf(
  baseImage: EligibilityBaseImageInput,
  platforms: readonly string[] | undefined,
): readonly string[] | undefined {
  const used = baseImage.platforms;
  if (!used || used.length === 0 || !platforms || platforms.length === 0) {
    return platforms;
  }
  const shared = platforms.filter(platform => used.includes(platform));
  return shared.length > 0 ? shared : platforms;
}

/**
 * Walks one base image's freight in time order from the digest the image was
 * built on, keeping the updates that change the image's platforms that use
 * the base image.
 */
export function walkFreight(
  baseImage: EligibilityBaseImageInput,
  imagePlatforms: readonly string[] | undefined,
): FreightWalk {
  const platforms = platformsOf(baseImage, imagePlatforms);
  // Records with an unreadable time can never be shown to have aged, so they
  // are left out rather than guessed at.
  const timeline = baseImage.freight
    .map((record, index) => ({
      digest: record.digest,
      seenAt: Date.parse(record.firstSeen),
      record,
      index,
    }))
    .filter(entry => Number.isFinite(entry.seenAt))
    .sort((a, b) => a.seenAt - b.seenAt || a.index - b.index)
    .map(({ digest, seenAt, record }) => ({ digest, seenAt, record }));

  // A tag can move back to a digest it carried before; the built digest's
  // latest appearance is the one that counts, so older freight never looks new.
  let builtPosition = -1;
  timeline.forEach((entry, position) => {
    if (entry.digest === baseImage.builtDigest) {
      builtPosition = position;
    }
  });
  const built = builtPosition >= 0 ? timeline[builtPosition] : undefined;
  let reference = built;
  const relevant: TimedFreight[] = [];
  for (const entry of timeline.slice(builtPosition + 1)) {
    if (updateMatters(entry.record, reference?.record, platforms)) {
      relevant.push(entry);
      reference = entry;
    }
  }

  const newest = timeline[timeline.length - 1];
  const unchanged =
    reference && newest && newest !== reference
      ? { update: newest, since: reference, built: reference === built }
      : undefined;
  return { timeline, relevant, ...(unchanged && { unchanged }), platforms };
}

/**
 * The updates of one base image that an image built for `platforms` is not
 * built on yet and that matter to it (see {@link updateMatters}), oldest
 * first: an index re-published only for other platforms, or for platforms
 * the Dockerfile does not use the base image for, is left out. Empty when the
 * image is up to date with the base image.
 *
 * @param platforms - the platforms the image builds; none: every new digest
 *   matters.
 * @public
 */
export function listRelevantUpdates(
  baseImage: EligibilityBaseImageInput,
  platforms: readonly string[] | undefined,
): EligibilityFreight[] {
  return walkFreight(baseImage, platforms).relevant.map(entry => entry.record);
}

function formatPlatforms(platforms: readonly string[]): string {
  if (platforms.length <= 1) {
    return platforms.join('');
  }
  return `${platforms.slice(0, -1).join(', ')} and ${
    platforms[platforms.length - 1]
  }`;
}

/**
 * The platform note of a base image whose newest index digest does not matter
 * to the image: "The index moved to sha256:… on 2025-01-11 00:00 UTC;
 * linux/amd64 is unchanged."
 */
export function describeUnchangedPlatforms(
  walk: FreightWalk,
): string | undefined {
  const { platforms } = walk;
  if (!walk.unchanged || !platforms || platforms.length === 0) {
    return undefined;
  }
  const { update, since, built } = walk.unchanged;
  const verb = platforms.length === 1 ? 'is' : 'are';
  const sinceText = built ? '' : ` since ${shortenDigest(since.digest)}`;
  return `The index moved to ${shortenDigest(update.digest)} on ${formatInstant(
    update.seenAt,
  )}; ${formatPlatforms(platforms)} ${verb} unchanged${sinceText}.`;
}

/** The platforms of an up-to-date sentence: " for linux/amd64", or nothing. */
export function formatPlatformScope(
  platforms: readonly string[] | undefined,
): string {
  return platforms && platforms.length > 0
    ? ` for ${formatPlatforms(platforms)}`
    : '';
}
