import { describeEligibility } from './describeEligibility';

const now = Date.parse('2025-03-10T12:00:00Z');

describe('describeEligibility', () => {
  it('counts down to eligibleAt while pending', () => {
    expect(
      describeEligibility(
        { state: 'pending', eligibleAt: '2025-03-13T16:30:00Z' },
        now,
      ),
    ).toBe('Eligible in 3d 4h');
  });

  it('says eligible now once a pending eligibleAt has passed', () => {
    expect(
      describeEligibility(
        { state: 'pending', eligibleAt: '2025-03-10T11:00:00Z' },
        now,
      ),
    ).toBe('Eligible now');
  });

  it('counts down to the last instant a date can name without failing', () => {
    // The backend clamps a far-off eligibleAt to the end of Date's range.
    expect(
      describeEligibility(
        { state: 'pending', eligibleAt: '+275760-09-13T00:00:00.000Z' },
        now,
      ),
    ).toBe('Eligible in 99979842d 12h');
  });

  it('says an update is pending when the backend gave no time', () => {
    expect(describeEligibility({ state: 'pending' }, now)).toBe(
      'Update pending',
    );
  });

  it('names every other state', () => {
    expect(
      (
        [
          'up-to-date',
          'eligible',
          'rebuilding',
          'failed',
          'blocked',
          'unknown',
        ] as const
      ).map(state => describeEligibility({ state }, now)),
    ).toEqual([
      'Up to date',
      'Eligible now',
      'Rebuilding',
      'Last rebuild failed',
      'Blocked',
      'No freight yet',
    ]);
  });
});
