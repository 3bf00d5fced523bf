import { formatImageReference } from '../references';
import type { ImageUse } from './collectImageUses';
import type { ParsedStage, ParseWarning } from './parsedDockerfile';
import { stageId } from './stageGraph';
import type { BaseImageUse, DockerfileWarning } from './types';

/** What the analysis found for one target platform. */
export interface PlatformRun {
  /** The platform as the caller names it, e.g. `linux/arm64`. */
  platform: string;
  uses: ImageUse[];
  warnings: ParseWarning[];
  /** The stages that count for this platform. */
  counts: Set<number>;
}

// The platforms of something found for only some of the runs; undefined when
// every run found it.
function partialPlatforms(
  platforms: readonly string[],
  runs: readonly PlatformRun[],
): string[] | undefined {
  return platforms.length < runs.length ? [...platforms].sort() : undefined;
}

// Visits the uses of the stages that count, in the order of their lines; for
// the same line, in the order of the runs. One run's uses are in line order.
function forEachUseInLineOrder(
  runs: readonly PlatformRun[],
  visit: (use: ImageUse, platform: string) => void,
): void {
  if (runs.length === 1) {
    const [{ uses, counts, platform }] = runs;
    uses.forEach(use => counts.has(use.stage) && visit(use, platform));
    return;
  }
  runs
    .flatMap(run =>
      run.uses
        .filter(use => run.counts.has(use.stage))
        .map(use => ({ use, platform: run.platform })),
    )
    .sort((a, b) => a.use.line - b.use.line)
    .forEach(({ use, platform }) => visit(use, platform));
}

function addOnce<T>(list: T[], item: T): void {
  if (!list.includes(item)) {
    list.push(item);
  }
}

/**
 * Each image once, with every stage that uses it for some platform, from its
 * first use in file order; `platforms` lists the platforms using it when not
 * all of them do.
 */
export function mergeUses(
  runs: readonly PlatformRun[],
  stages: readonly ParsedStage[],
): BaseImageUse[] {
  const byRef = new Map<
    string,
    { first: ImageUse; stages: number[]; platforms: string[] }
  >();
  forEachUseInLineOrder(runs, (use, platform) => {
    const ref = formatImageReference(use.reference);
    const known = byRef.get(ref);
    if (known === undefined) {
      byRef.set(ref, {
        first: use,
        stages: [use.stage],
        platforms: [platform],
      });
    } else {
      addOnce(known.stages, use.stage);
      addOnce(known.platforms, platform);
    }
  });
  return [...byRef].map(([ref, { first, stages: used, platforms }]) => {
    const only = partialPlatforms(platforms, runs);
    return {
      ref,
      ...first.reference,
      instruction: first.instruction,
      stages: used.sort((a, b) => a - b).map(i => stageId(stages[i])),
      line: first.line,
      ...(only && { platforms: only }),
    };
  });
}

/**
 * The warnings of the stages that count (and those outside any stage), once
 * for all runs that have them, in line order; one only some platforms have
 * starts with them: `for linux/arm64: …`. `common` holds warnings that do not
 * depend on the platform.
 */
export function mergeWarnings(
  runs: readonly PlatformRun[],
  common: readonly ParseWarning[],
): DockerfileWarning[] {
  if (common.length === 0 && runs.every(run => run.warnings.length === 0)) {
    return [];
  }
  const byKey = new Map<
    string,
    { warning: ParseWarning; platforms: string[] }
  >();
  const add = (warnings: readonly ParseWarning[], platforms: string[]) => {
    // The same warning twice in one run (two mounts of one RUN) stays twice.
    const seen = new Map<string, number>();
    for (const warning of warnings) {
      const text = `${warning.line}\0${warning.message}`;
      const occurrence = seen.get(text) ?? 0;
      seen.set(text, occurrence + 1);
      const key = `${text}\0${occurrence}`;
      const known = byKey.get(key);
      if (known === undefined) {
        byKey.set(key, { warning, platforms: [...platforms] });
      } else {
        platforms.forEach(platform => addOnce(known.platforms, platform));
      }
    }
  };
  for (const run of runs) {
    add(
      run.warnings.filter(w => w.stage === null || run.counts.has(w.stage)),
      [run.platform],
    );
  }
  add(
    common,
    runs.map(run => run.platform),
  );
  return [...byKey.values()]
    .sort((a, b) => a.warning.line - b.warning.line)
    .map(({ warning: { line, message }, platforms }) => {
      const only = partialPlatforms(platforms, runs);
      return {
        line,
        message: only ? `for ${only.join(', ')}: ${message}` : message,
      };
    });
}
