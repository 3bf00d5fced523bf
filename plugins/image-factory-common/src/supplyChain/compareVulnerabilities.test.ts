import type { VulnerabilitySummary } from '../api';
import {
  compareVulnerabilities,
  formatIdCounts,
} from './compareVulnerabilities';

const reported = (ids: VulnerabilitySummary['ids']): VulnerabilitySummary => ({
  state: 'reported',
  detail: 'Scanned by trivy 0.58.1 on 2026-12-03.',
  ids,
});

describe('compareVulnerabilities', () => {
  it('says which listed ids a newer digest fixes and which it adds, at the severity each digest has', () => {
    const change = compareVulnerabilities(
      reported({ critical: ['CVE-1', 'CVE-2'], high: ['CVE-3'] }),
      // CVE-2 is still there, downgraded: not fixed.
      reported({ high: ['CVE-2', 'CVE-4'] }),
    );
    expect(change).toEqual({
      fixed: { critical: ['CVE-1'], high: ['CVE-3'] },
      added: { high: ['CVE-4'] },
    });
    expect(formatIdCounts(change!.fixed)).toBe('1 critical, 1 high');
    expect(formatIdCounts(change!.added)).toBe('1 high');
    expect(formatIdCounts({})).toBe('');
  });

  it('compares only current evidence: both scans reported', () => {
    const scan = reported({ critical: ['CVE-1'] });
    expect(compareVulnerabilities(scan, undefined)).toBeUndefined();
    expect(
      compareVulnerabilities({ ...scan, state: 'expired' }, reported({})),
    ).toBeUndefined();
    expect(
      compareVulnerabilities(scan, {
        state: 'invalid',
        detail: 'No vulnerability attestation is valid for this digest.',
      }),
    ).toBeUndefined();
  });
});
