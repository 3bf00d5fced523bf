import {
  DbTimestamp,
  fromDbJson,
  fromDbText,
  fromDbTimestamp,
  toDbJson,
  toDbTimestamp,
  toNullableDbTimestamp,
} from './convertDbValues';
import type {
  FreightOrigin,
  FreightRecord,
  ImageKind,
  PipelineRunStatus,
  RebuildTriggerKind,
  SignatureCheck,
  VulnerabilitySummary,
} from '@image-factory/backstage-plugin-image-factory-common';
import { fromDbRebuildConclusion, fromDbRebuildStatus } from './rebuildColumns';
import { withContentHash } from './replaceRows';
import {
  BaseImageStatusRecord,
  DockerfileCacheRecord,
  ImageStatusRecord,
  PipelineRunRecord,
  RebuildRecord,
  RegistryCheckRecord,
} from './types';

/** A row as the drivers return it; the columns are those of the migrations. */
type Row = Record<string, unknown>;

// Each table has a pair: record to row (validating timestamps), row to record.

export function toImageStatusRow(r: Omit<ImageStatusRecord, 'updatedAt'>): Row {
  return withContentHash({
    entity_ref: r.entityRef,
    kind: r.kind,
    image: r.image,
    owner: r.owner ?? null,
    eligibility_state: r.eligibilityState,
    eligible_at: toNullableDbTimestamp(r.eligibleAt, 'eligibleAt'),
    stale_since: toNullableDbTimestamp(r.staleSince, 'staleSince'),
    upstream_critical_fixes: r.upstreamCriticalFixes ?? 0,
    status: toDbJson(r.status),
  });
}

export function fromImageStatusRow(row: Row): ImageStatusRecord {
  return {
    entityRef: row.entity_ref as string,
    kind: row.kind as ImageKind,
    image: row.image as string,
    owner: fromDbText(row.owner as string | null),
    eligibilityState: row.eligibility_state as string,
    eligibleAt: fromDbTimestamp(row.eligible_at as DbTimestamp),
    staleSince: fromDbTimestamp(row.stale_since as DbTimestamp),
    ...(Number(row.upstream_critical_fixes) > 0 && {
      upstreamCriticalFixes: Number(row.upstream_critical_fixes),
    }),
    status: fromDbJson(row.status as string),
    updatedAt: fromDbTimestamp(row.updated_at as DbTimestamp) as string,
  };
}

export function toBaseImageStatusRow(
  r: Omit<BaseImageStatusRecord, 'updatedAt'>,
): Row {
  return withContentHash({
    name: r.name,
    ref: r.ref,
    dependents_count: r.dependentsCount,
    status: toDbJson(r.status),
  });
}

export function fromBaseImageStatusRow(row: Row): BaseImageStatusRecord {
  return {
    name: row.name as string,
    ref: row.ref as string,
    dependentsCount: Number(row.dependents_count),
    status: fromDbJson(row.status as string),
    updatedAt: fromDbTimestamp(row.updated_at as DbTimestamp) as string,
  };
}

export function toFreightRow(r: FreightRecord): Row {
  return {
    registry: r.registry,
    repository: r.repository,
    tag: r.tag,
    digest: r.digest,
    platform_digests: toDbJson(r.platformDigests),
    first_seen: toDbTimestamp(r.firstSeen, 'firstSeen'),
    source: r.source,
    signature: r.signature ? toDbJson(r.signature) : null,
    vulnerabilities: r.vulnerabilities ? toDbJson(r.vulnerabilities) : null,
  };
}

export function fromFreightRow(row: Row): FreightRecord {
  return {
    registry: row.registry as string,
    repository: row.repository as string,
    tag: row.tag as string,
    digest: row.digest as string,
    platformDigests: fromDbJson(row.platform_digests as string) ?? {},
    firstSeen: fromDbTimestamp(row.first_seen as DbTimestamp) as string,
    source: row.source as FreightOrigin,
    ...(typeof row.signature === 'string' && {
      signature: fromDbJson(row.signature) as SignatureCheck,
    }),
    ...(typeof row.vulnerabilities === 'string' && {
      vulnerabilities: fromDbJson(row.vulnerabilities) as VulnerabilitySummary,
    }),
  };
}

export function toRegistryCheckRow(r: RegistryCheckRecord): Row {
  return {
    target: r.target,
    checked_at: toDbTimestamp(r.checkedAt, 'checkedAt'),
    digest: r.digest ?? null,
    platform_digests:
      r.platformDigests === undefined ? null : toDbJson(r.platformDigests),
    error: r.error ?? null,
  };
}

export function fromRegistryCheckRow(row: Row): RegistryCheckRecord {
  return {
    target: row.target as string,
    checkedAt: fromDbTimestamp(row.checked_at as DbTimestamp) as string,
    digest: fromDbText(row.digest as string | null),
    platformDigests: fromDbJson(row.platform_digests as string | null),
    error: fromDbText(row.error as string | null),
  };
}

export function toDockerfileCacheRow(r: DockerfileCacheRecord): Row {
  return {
    location: r.location,
    etag: r.etag ?? null,
    content_hash: r.contentHash ?? null,
    analysis: r.analysis === undefined ? null : toDbJson(r.analysis),
    error: r.error ?? null,
    analyzed_at: toDbTimestamp(r.analyzedAt, 'analyzedAt'),
  };
}

export function fromDockerfileCacheRow(row: Row): DockerfileCacheRecord {
  return {
    location: row.location as string,
    etag: fromDbText(row.etag as string | null),
    contentHash: fromDbText(row.content_hash as string | null),
    analysis: fromDbJson(row.analysis as string | null),
    error: fromDbText(row.error as string | null),
    analyzedAt: fromDbTimestamp(row.analyzed_at as DbTimestamp) as string,
  };
}

export function toRebuildRow(r: RebuildRecord): Row {
  return {
    id: r.id,
    entity_ref: r.entityRef,
    trigger_key: r.triggerKey,
    trigger: r.trigger,
    requested_by: r.requestedBy,
    justification: r.justification ?? null,
    requested_at: toDbTimestamp(r.requestedAt, 'requestedAt'),
    provider: r.provider,
    run_id: r.runId ?? null,
    run_url: r.runUrl ?? null,
    ref: r.ref ?? null,
    dispatched_at: toNullableDbTimestamp(r.dispatchedAt, 'dispatchedAt'),
    status: r.status,
    conclusion: r.conclusion ?? null,
    error: r.error ?? null,
    base_digests: toDbJson(r.baseDigests),
    verification: r.verification ? toDbJson(r.verification) : null,
    finished_at: toNullableDbTimestamp(r.finishedAt, 'finishedAt'),
    updated_at: toDbTimestamp(r.updatedAt, 'updatedAt'),
  };
}

export function fromRebuildRow(row: Row): RebuildRecord {
  return {
    id: row.id as string,
    entityRef: row.entity_ref as string,
    triggerKey: row.trigger_key as string,
    trigger: row.trigger as RebuildTriggerKind,
    requestedBy: row.requested_by as string,
    justification: fromDbText(row.justification as string | null),
    requestedAt: fromDbTimestamp(row.requested_at as DbTimestamp) as string,
    provider: row.provider as RebuildRecord['provider'],
    runId: fromDbText(row.run_id as string | null),
    runUrl: fromDbText(row.run_url as string | null),
    ref: fromDbText(row.ref as string | null),
    dispatchedAt: fromDbTimestamp(row.dispatched_at as DbTimestamp),
    status: fromDbRebuildStatus(row.status as string),
    conclusion: fromDbRebuildConclusion(
      fromDbText(row.conclusion as string | null),
    ),
    error: fromDbText(row.error as string | null),
    baseDigests: fromDbJson(row.base_digests as string) ?? {},
    verification: fromDbJson(row.verification as string | null),
    finishedAt: fromDbTimestamp(row.finished_at as DbTimestamp),
    updatedAt: fromDbTimestamp(row.updated_at as DbTimestamp) as string,
  };
}

export function fromPipelineRunRow(row: Row): PipelineRunRecord {
  const startedAt = fromDbTimestamp(row.started_at as DbTimestamp);
  return {
    id: row.id as string,
    status: row.status as PipelineRunStatus,
    queuedAt: (fromDbTimestamp(row.queued_at as DbTimestamp) ??
      startedAt) as string,
    startedAt,
    finishedAt: fromDbTimestamp(row.finished_at as DbTimestamp),
    forceAnalysis: fromDbJson<string[]>(row.force_analysis as string) ?? [],
    summary: fromDbJson(row.summary as string | null),
    error: fromDbText(row.error as string | null),
  };
}
