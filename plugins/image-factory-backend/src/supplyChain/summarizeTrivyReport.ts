import type { VulnerabilitySummary } from '@image-factory/backstage-plugin-image-factory-common';

/** Severities from the most to the least severe, as Trivy names them in lowercase. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/** A severity of {@link SEVERITIES}. */
export type Severity = (typeof SEVERITIES)[number];

const MAX_IDS = 100;

type Counts = NonNullable<VulnerabilitySummary['counts']>;

/**
 * Counts a Trivy JSON report's vulnerabilities by severity (each id once per
 * report, at its most severe) and lists the ids at or above `listSeverity`,
 * sorted, at most 100. Anything that is not a vulnerability entry is skipped.
 */
export function summarizeTrivyReport(
  report: unknown,
  listSeverity: Severity,
): { counts: Counts; ids: string[] } {
  const severityOf = new Map<string, number>();
  const results = (report as { Results?: unknown } | null)?.Results;
  for (const result of Array.isArray(results) ? results : []) {
    const vulnerabilities = (result as { Vulnerabilities?: unknown } | null)
      ?.Vulnerabilities;
    for (const entry of Array.isArray(vulnerabilities) ? vulnerabilities : []) {
      const { VulnerabilityID: id, Severity: severity } = (entry ?? {}) as {
        VulnerabilityID?: unknown;
        Severity?: unknown;
      };
      if (typeof id !== 'string' || id === '') continue;
      const rank = SEVERITIES.indexOf(
        String(severity).toLowerCase() as Severity,
      );
      const known = rank === -1 ? SEVERITIES.length : rank;
      severityOf.set(id, Math.min(severityOf.get(id) ?? known, known));
    }
  }
  const counts: Counts = {
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
    unknown: 0,
  };
  const listed: string[] = [];
  const threshold = SEVERITIES.indexOf(listSeverity);
  for (const [id, rank] of severityOf) {
    counts[rank < SEVERITIES.length ? SEVERITIES[rank] : 'unknown']++;
    if (rank <= threshold) listed.push(id);
  }
  return { counts, ids: listed.sort().slice(0, MAX_IDS) };
}
