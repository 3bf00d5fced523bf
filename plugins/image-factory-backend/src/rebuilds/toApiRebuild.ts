import { RebuildRecord as ApiRebuildRecord } from '@internal/plugin-image-factory-common';
import { RebuildRecord } from '../database';

/**
 * The API's view of a stored rebuild: queued and in-progress runs read as
 * `running`; the provider's raw conclusion maps onto the documented set.
 */
export function toApiRebuild(record: RebuildRecord): ApiRebuildRecord {
  return {
    id: record.id,
    trigger: record.trigger,
    requestedBy: record.requestedBy,
    ...(record.justification ? { justification: record.justification } : {}),
    requestedAt: record.requestedAt,
    provider: record.provider === 'gitlab' ? 'gitlab' : 'github',
    ...(record.runUrl ? { runUrl: record.runUrl } : {}),
    status:
      record.status === 'queued' || record.status === 'in_progress'
        ? 'running'
        : record.status,
    ...(record.conclusion
      ? { conclusion: toConclusion(record.conclusion) }
      : {}),
    ...(record.error ? { error: record.error } : {}),
    baseDigests: record.baseDigests,
  };
}

function toConclusion(
  value: string,
): NonNullable<ApiRebuildRecord['conclusion']> {
  switch (value) {
    case 'success':
    case 'failure':
    case 'cancelled':
      return value;
    case 'canceled':
      return 'cancelled';
    case 'timed_out':
    case 'timed-out':
      return 'timed-out';
    default:
      return 'unknown';
  }
}
