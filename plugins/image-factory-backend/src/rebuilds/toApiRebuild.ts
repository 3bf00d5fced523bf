import { RebuildRecord as ApiRebuildRecord } from '@image-factory/backstage-plugin-image-factory-common';
import { RebuildRecord } from '../database';

/**
 * The API's view of a stored rebuild. The store keeps the API's words (status,
 * trigger, conclusion); a provider still `pending` (the trigger never said)
 * reads as `github`.
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
    status: record.status,
    ...(record.conclusion ? { conclusion: record.conclusion } : {}),
    ...(record.error ? { error: record.error } : {}),
    baseDigests: record.baseDigests,
    ...(record.verification ? { verification: record.verification } : {}),
  };
}
