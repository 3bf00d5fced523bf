import {
  isActiveRebuildStatus,
  RebuildConclusion,
  rebuildConclusionValues,
  RebuildStatus,
  rebuildStatusValues,
} from '@image-factory/backstage-plugin-image-factory-common';

/**
 * What a replica older than migration `20261202000000_rebuildStatusRunning`
 * writes for a run the CI system reports queued or in progress. During a
 * rolling update such a replica may still write them after the migration: they
 * read as `running`, and count as active so the rebuild is followed (and
 * rewritten) like any other.
 */
const LEGACY_RUNNING_STATUSES: readonly string[] = ['queued', 'in_progress'];

/** The values of the `status` column of a rebuild that has not finished. */
export const ACTIVE_STATUS_COLUMN_VALUES: readonly string[] = [
  ...rebuildStatusValues.filter(isActiveRebuildStatus),
  ...LEGACY_RUNNING_STATUSES,
];

/** The rebuild status of a `status` column. */
export function fromDbRebuildStatus(value: string): RebuildStatus {
  return LEGACY_RUNNING_STATUSES.includes(value)
    ? 'running'
    : (value as RebuildStatus);
}

const CONCLUSIONS: ReadonlySet<string> = new Set(rebuildConclusionValues);

/**
 * The conclusion of a `conclusion` column. The triggers write only
 * {@link RebuildConclusion}s; anything else (an edit by hand, a provider's raw
 * word) is read as the nearest, else `unknown`, never passed on as it is.
 */
export function fromDbRebuildConclusion(
  value: string | undefined,
): RebuildConclusion | undefined {
  if (value === undefined || CONCLUSIONS.has(value)) {
    return value as RebuildConclusion | undefined;
  }
  switch (value) {
    case 'canceled':
      return 'cancelled';
    case 'timed_out':
      return 'timed-out';
    default:
      return 'unknown';
  }
}
