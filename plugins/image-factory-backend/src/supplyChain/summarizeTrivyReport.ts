import {
  SEVERITIES,
  type Severity,
  type VulnerabilitySummary,
} from '@image-factory/backstage-plugin-image-factory-common';

const MAX_IDS = 100;

type Counts = NonNullable<VulnerabilitySummary['counts']>;
type Ids = NonNullable<VulnerabilitySummary['ids']>;

/**
 * Counts a Trivy JSON report's vulnerabilities by severity (each id once per
 * report, at its most severe) and lists the ids of each severity at or above
 * `listSeverity`, sorted, at most 100 in all, the most severe first. Anything
 * that is not a vulnerability entry is skipped.
 */
export function summarizeTrivyReport(
  report: unknown,
  listSeverity: Severity,
): { counts: Counts; ids: Ids } {
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
  const listed = new Map<Severity, string[]>();
  for (const [id, rank] of severityOf) {
    const severity = rank < SEVERITIES.length ? SEVERITIES[rank] : 'unknown';
    counts[severity]++;
    if (severity !== 'unknown' && rank <= SEVERITIES.indexOf(listSeverity)) {
      listed.set(severity, [...(listed.get(severity) ?? []), id]);
    }
  }
  const ids: Ids = {};
  let room = MAX_IDS;
  for (const severity of SEVERITIES) {
    const of = (listed.get(severity) ?? []).sort().slice(0, room);
    if (of.length > 0) {
      ids[severity] = of;
      room -= of.length;
    }
  }
  return { counts, ids };
}
