import type { ImageState } from '../state';
import { findBuildCycles } from './findBuildCycles';

// Only what the cycle search reads: each managed image's repository and the
// references its base images are.
function managed(name: string, ...bases: string[]): ImageState {
  return {
    kind: 'managed',
    name,
    entityRef: `component:default/${name}`,
    image: `ghcr.io/acme/${name}`,
    baseImages: bases.map(ref => ({ ref, name: ref, builtDigest: null })),
  } as unknown as ImageState;
}

describe('findBuildCycles', () => {
  it('finds rings of any length, and each image of a ring gets the whole ring', () => {
    const cycles = findBuildCycles([
      managed('a', 'ghcr.io/acme/b:1'),
      managed('b', 'ghcr.io/acme/a:1', 'docker.io/library/node:22'),
      // A longer ring, written in other spellings of the same repositories.
      managed('e', 'ghcr.io/acme/f:1'),
      managed('f', `ghcr.io/acme/g@sha256:${'1'.repeat(64)}`),
      managed('g', 'ghcr.io/acme/e:latest'),
      // Built on a ring, not in it: it waits, but is not blocked by it.
      managed('c', 'ghcr.io/acme/a:1'),
      // A chain without a ring.
      managed('x', 'ghcr.io/acme/y:1'),
      managed('y', 'docker.io/library/node:22'),
    ]);
    const ring = ['component:default/a', 'component:default/b'];
    const longer = [
      'component:default/e',
      'component:default/f',
      'component:default/g',
    ];
    expect(Object.fromEntries(cycles)).toEqual({
      'component:default/a': ring,
      'component:default/b': ring,
      'component:default/e': longer,
      'component:default/f': longer,
      'component:default/g': longer,
    });
  });

  it('counts an image built on its own repository as a ring of one', () => {
    expect([
      ...findBuildCycles([managed('d', 'ghcr.io/acme/d:previous')]),
    ]).toEqual([['component:default/d', ['component:default/d']]]);
  });

  it('finds none in a fleet of chains, and ignores external images', () => {
    expect(
      findBuildCycles([
        managed('x', 'ghcr.io/acme/y:1'),
        managed('y', 'ghcr.io/acme/z:1'),
        managed('z', 'docker.io/library/node:22'),
        {
          kind: 'external',
          name: 'ext',
          entityRef: 'component:default/ext',
          image: 'ghcr.io/acme/x:1',
        } as unknown as ImageState,
      ]).size,
    ).toBe(0);
  });
});
