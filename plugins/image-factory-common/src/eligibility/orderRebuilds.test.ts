import { orderRebuilds, RebuildCandidate } from './orderRebuilds';

const candidates: Array<RebuildCandidate & { label: string }> = [
  {
    label: 'normal-old',
    entityRef: 'component:default/a',
    priority: 'normal',
    eligibleAt: '2025-01-02T00:00:00.000Z',
  },
  {
    label: 'low-oldest',
    entityRef: 'component:default/b',
    priority: 'low',
    eligibleAt: '2024-12-01T00:00:00.000Z',
  },
  {
    label: 'critical-new',
    entityRef: 'component:default/c',
    priority: 'critical',
    eligibleAt: '2025-01-09T00:00:00.000Z',
  },
  {
    label: 'normal-new',
    entityRef: 'component:default/d',
    priority: 'normal',
    eligibleAt: '2025-01-05T00:00:00.000Z',
  },
  {
    label: 'high',
    entityRef: 'component:default/e',
    priority: 'high',
    eligibleAt: '2025-01-07T00:00:00.000Z',
  },
  {
    label: 'normal-old-twin',
    entityRef: 'component:default/0',
    priority: 'normal',
    eligibleAt: '2025-01-02T00:00:00.000Z',
  },
];

describe('orderRebuilds', () => {
  it('orders by priority, then the image eligible longest, then entity ref', () => {
    expect(orderRebuilds(candidates).map(c => c.label)).toEqual([
      'critical-new',
      'high',
      'normal-old-twin',
      'normal-old',
      'normal-new',
      'low-oldest',
    ]);
  });

  it('keeps only the first maxPerRun', () => {
    expect(
      orderRebuilds(candidates, { maxPerRun: 2 }).map(c => c.label),
    ).toEqual(['critical-new', 'high']);
    expect(orderRebuilds(candidates, { maxPerRun: 0 })).toEqual([]);
  });

  it('does not reorder the caller’s array', () => {
    const copy = [...candidates];
    orderRebuilds(candidates);
    expect(candidates).toEqual(copy);
  });

  it('gives the same order whatever order the candidates arrive in', () => {
    const reversed = orderRebuilds([...candidates].reverse());
    expect(reversed).toEqual(orderRebuilds(candidates));
  });
});
