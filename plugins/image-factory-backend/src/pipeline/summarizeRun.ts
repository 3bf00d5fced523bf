import {
  RefreshSummary,
  STATE_SETTINGS_PATH,
} from '@image-factory/backstage-plugin-image-factory-common';
import { analyzeEnrollments } from './analyzeEnrollments';
import { discoverFreight } from './discoverFreight';
import { mergeWithinArchiveLimit } from './mergeWithinArchiveLimit';
import { ProjectedRun } from './projectStatuses';
import { reconcileFirstSeen } from './reconcileFirstSeen';

/** What each step of a run found, as the summary reports it. */
export interface RunOutcome {
  startedAt: string;
  finishedAt: string;
  analysis: Awaited<ReturnType<typeof analyzeEnrollments>>;
  written: {
    committed: boolean;
    commit?: string;
    value: {
      previous: { invalid: readonly { path: string; error: string }[] };
      merged: Awaited<ReturnType<typeof mergeWithinArchiveLimit>>;
      reconciled: Awaited<ReturnType<typeof reconcileFirstSeen>>;
      discovery: Awaited<ReturnType<typeof discoverFreight>>;
      projected: ProjectedRun;
      triggered?: { started: readonly unknown[]; errors: readonly string[] };
    };
  };
  maxNewTagsPerRun: number;
}

/**
 * The summary of a finished run: its counts, its commit, and every per-item
 * problem that did not stop it, so one bad entity, registry or file shows
 * without hiding the rest.
 */
export function summarizeRun(run: RunOutcome): RefreshSummary {
  const { analysis, written } = run;
  const { previous, merged, reconciled, discovery, projected, triggered } =
    written.value;
  return {
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    analyzed: analysis.parsed,
    checked: discovery.checked,
    newFreight: discovery.newFreight.length,
    rebuildsTriggered: triggered?.started.length ?? 0,
    commit: written.committed ? written.commit ?? null : null,
    errors: [
      ...previous.invalid.map(i => `${i.path}: ${i.error}`),
      ...(previous.invalid.some(i => i.path === STATE_SETTINGS_PATH)
        ? [
            `${STATE_SETTINGS_PATH} is invalid, so manifests/ is kept as it is: fix or delete the file, and the next run writes it again from the configuration with the manifests`,
          ]
        : []),
      ...merged.conflicts.map(c => c.message),
      ...merged.errors,
      ...reconciled.errors,
      ...analysis.errors,
      ...[...discovery.errors].map(([ref, error]) => `${ref}: ${error}`),
      ...(discovery.waitingNewTags > 0
        ? [
            `${discovery.waitingNewTags} tags wait for a later run: at most ${run.maxNewTagsPerRun} tags are asked of registries for the first time in one run (imageFactory.safety.maxNewTagsPerRun)`,
          ]
        : []),
      ...projected.errors,
      ...(triggered?.errors ?? []),
    ],
  };
}
