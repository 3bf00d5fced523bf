import {
  SEVERITIES,
  type Severity,
  type VulnerabilitySummary,
} from '@image-factory/backstage-plugin-image-factory-common';

const MAX_IDS = 100;

type Counts = NonNullable<VulnerabilitySummary['counts']>;
type Ids = NonNullable<VulnerabilitySummary['ids']>;

/** One finding of a scan, as a report spells it; anything else is skipped. */
export interface VulnerabilityEntry {
  id: unknown;
  severity: unknown;
}

/**
 * Counts a scan's vulnerabilities by severity (each id once, at its most
 * severe) and lists the ids of each severity at or above `listSeverity`,
 * sorted, at most 100 in all, the most severe first. An entry without an id
 * is skipped; one of a severity that is not known counts as `unknown`.
 */
export function summarizeVulnerabilities(
  entries: Iterable<VulnerabilityEntry>,
  listSeverity: Severity,
): { counts: Counts; ids: Ids } {
  const severityOf = new Map<string, number>();
  for (const { id, severity } of entries) {
    if (typeof id !== 'string' || id === '') continue;
    const rank = SEVERITIES.indexOf(String(severity).toLowerCase() as Severity);
    const known = rank === -1 ? SEVERITIES.length : rank;
    severityOf.set(id, Math.min(severityOf.get(id) ?? known, known));
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

const arrayOf = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : [];

/** The findings of a Trivy JSON report (`trivy image -f json`). */
export function trivyReportEntries(report: unknown): VulnerabilityEntry[] {
  return arrayOf((report as { Results?: unknown } | null)?.Results).flatMap(
    result =>
      arrayOf(
        (result as { Vulnerabilities?: unknown } | null)?.Vulnerabilities,
      ).map(entry => {
        const { VulnerabilityID, Severity } = (entry ?? {}) as Record<
          string,
          unknown
        >;
        return { id: VulnerabilityID, severity: Severity };
      }),
  );
}

/** The findings of a Trivy Operator `VulnerabilityReport`'s `report`. */
export function operatorReportEntries(report: unknown): VulnerabilityEntry[] {
  return arrayOf(
    (report as { vulnerabilities?: unknown } | null)?.vulnerabilities,
  ).map(entry => {
    const { vulnerabilityID, severity } = (entry ?? {}) as Record<
      string,
      unknown
    >;
    return { id: vulnerabilityID, severity };
  });
}
