import { mapKargoFreight } from './mapKargoFreight';

const DIGEST = `sha256:${'f'.repeat(64)}`;

describe('mapKargoFreight', () => {
  it('reads images from the nested spec of older Freight objects', () => {
    const { records } = mapKargoFreight({
      metadata: { name: 'old', creationTimestamp: '2025-01-01T00:00:00Z' },
      spec: {
        images: [
          {
            repoURL: 'registry.acme.internal:5000/team/app',
            tag: 'v1',
            digest: DIGEST,
          },
        ],
      },
    });
    expect(records).toEqual([
      {
        registry: 'registry.acme.internal:5000',
        repository: 'team/app',
        tag: 'v1',
        digest: DIGEST,
        firstSeen: new Date('2025-01-01T00:00:00Z'),
        source: 'kargo',
        freightName: 'old',
      },
    ]);
  });

  it('skips images it cannot place instead of guessing', () => {
    const { records, skipped } = mapKargoFreight({
      metadata: { name: 'mixed', creationTimestamp: '2025-01-01T00:00:00Z' },
      origin: { kind: 'Warehouse', name: 'w' },
      images: [
        { repoURL: 'ghcr.io/acme/app', digest: DIGEST },
        { repoURL: 'ghcr.io/Acme App', tag: '1', digest: DIGEST },
        { repoURL: 'ghcr.io/acme/ok', tag: '1', digest: DIGEST },
      ],
      commits: [{ repoURL: 'https://github.com/acme/app', id: 'abc' }],
    });
    expect(records.map(r => r.repository)).toEqual(['acme/ok']);
    expect(records[0].warehouse).toBe('w');
    expect(skipped).toHaveLength(2);
    expect(skipped[0]).toBe(
      'Freight mixed has an image without repoURL, tag and digest',
    );
    expect(skipped[1]).toMatch(/^Freight mixed has an unreadable repoURL: /);
  });

  it('maps nothing from a Freight without a creation time', () => {
    expect(
      mapKargoFreight({
        metadata: { name: 'x' },
        images: [{ repoURL: 'nginx', tag: '1', digest: DIGEST }],
      }),
    ).toEqual({
      records: [],
      skipped: ['Freight x has no creationTimestamp'],
    });
  });
});
