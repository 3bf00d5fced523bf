import type { VulnerabilitySummary } from '../api';

/**
 * Vulnerability severities from the most to the least severe, as Trivy names
 * them in lowercase.
 *
 * @public
 */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/**
 * A severity of {@link SEVERITIES}.
 *
 * @public
 */
export type Severity = (typeof SEVERITIES)[number];

/**
 * Ids by severity, the most severe first; severities without any are left out.
 *
 * @public
 */
export type IdsBySeverity = Partial<Record<Severity, string[]>>;

/**
 * What moving from one digest to another does to the vulnerabilities their
 * attestations list.
 *
 * @public
 */
export interface VulnerabilityChange {
  /** Listed for `from`, at the severity `from` has, and not listed for `to`. */
  fixed: IdsBySeverity;
  /** Listed for `to`, at the severity `to` has, and not listed for `from`. */
  added: IdsBySeverity;
}

function listed(summary: VulnerabilitySummary): Set<string> {
  return new Set(SEVERITIES.flatMap(severity => summary.ids?.[severity] ?? []));
}

function missingFrom(
  summary: VulnerabilitySummary,
  other: Set<string>,
): IdsBySeverity {
  const result: IdsBySeverity = {};
  for (const severity of SEVERITIES) {
    const ids = (summary.ids?.[severity] ?? []).filter(id => !other.has(id));
    if (ids.length > 0) result[severity] = ids;
  }
  return result;
}

/**
 * Compares the vulnerabilities listed for two digests of a base image, the
 * one an image was built on (`from`) and a newer one (`to`): which ids the
 * newer fixes and which it adds. Only current evidence compares: undefined
 * unless both summaries are `reported`.
 *
 * @public
 */
export function compareVulnerabilities(
  from: VulnerabilitySummary | undefined,
  to: VulnerabilitySummary | undefined,
): VulnerabilityChange | undefined {
  if (from?.state !== 'reported' || to?.state !== 'reported') {
    return undefined;
  }
  return {
    fixed: missingFrom(from, listed(to)),
    added: missingFrom(to, listed(from)),
  };
}

/**
 * "2 critical, 1 high": how many ids of each severity, the most severe
 * first; empty when there are none.
 *
 * @public
 */
export function formatIdCounts(ids: IdsBySeverity): string {
  return SEVERITIES.filter(severity => ids[severity]?.length)
    .map(severity => `${ids[severity]!.length} ${severity}`)
    .join(', ');
}
