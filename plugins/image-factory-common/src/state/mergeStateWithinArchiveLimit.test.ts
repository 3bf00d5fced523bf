import { mergeState } from './mergeState';
import { mergeStateWithinArchiveLimit } from './mergeStateWithinArchiveLimit';
import { renderStateTree } from './renderStateTree';
import { stateSettings } from './stateSettings';
import { emptyStateTree, type StateTree } from './types';
import { analyze, enroll, managedEntity } from './__testUtils__/testData';

const T1 = '2026-01-01T00:00:00.000Z';
const T2 = '2026-01-02T00:00:00.000Z';

const fleet = ['alpha', 'beta', 'delta', 'gamma'].map(name =>
  enroll(managedEntity(name)),
);
const analyses = new Map(
  fleet.map(e => [e.entityRef, analyze('FROM node:22\n', T1)]),
);

function enrolled(): StateTree {
  return mergeState({
    previous: emptyStateTree(),
    enrollments: fleet,
    analyses,
    now: T1,
  }).state;
}

const names = (images: Array<{ name: string }>) => images.map(i => i.name);

describe('mergeStateWithinArchiveLimit', () => {
  it('archives nothing, and changes no file, when the catalog answers with no entity', () => {
    const previous = enrolled();
    const result = mergeStateWithinArchiveLimit(
      { previous, enrollments: [], analyses: new Map(), now: T2 },
      0.5,
    );
    expect(result.refused).toEqual({
      images: previous.images,
      total: 4,
    });
    expect(result.state).toEqual(previous);
    expect(result.changes).toEqual([]);
    const settings = stateSettings({ namespace: 'x' });
    expect(renderStateTree(result.state, settings)).toEqual(
      renderStateTree(previous, settings),
    );
  });

  it('archives as usual up to the ratio', () => {
    const result = mergeStateWithinArchiveLimit(
      {
        previous: enrolled(),
        enrollments: fleet.slice(0, 2),
        analyses,
        now: T2,
      },
      0.5,
    );
    expect(result.refused).toBeUndefined();
    expect(names(result.state.archive.images)).toEqual(['delta', 'gamma']);
  });

  it('still merges the entities that stay while it refuses', () => {
    const [, ...rest] = fleet;
    const moved = enroll(
      managedEntity('alpha', { 'image-factory.io/rebuild-delay': '2d' }),
    );
    const result = mergeStateWithinArchiveLimit(
      { previous: enrolled(), enrollments: [moved], analyses, now: T2 },
      0.5,
    );
    expect(result.refused?.images.map(i => i.entityRef)).toEqual(
      rest.map(e => e.entityRef),
    );
    expect(result.state.archive.images).toEqual([]);
    const image = result.state.images.find(i => i.name === 'alpha');
    expect(image?.kind === 'managed' && image.policy.rebuildDelay).toBe('2d');
  });

  it('lets a small fleet drop one image, and never refuses at ratio 1', () => {
    const two = mergeState({
      previous: emptyStateTree(),
      enrollments: fleet.slice(0, 2),
      analyses,
      now: T1,
    }).state;
    expect(
      mergeStateWithinArchiveLimit(
        { previous: two, enrollments: fleet.slice(0, 1), analyses, now: T2 },
        0.1,
      ).refused,
    ).toBeUndefined();
    expect(
      mergeStateWithinArchiveLimit(
        { previous: enrolled(), enrollments: [], analyses, now: T2 },
        1,
      ).state.images,
    ).toEqual([]);
  });

  it('keeps the image of an entity that enrolls another image instead', () => {
    const renamed = fleet.map(e =>
      enroll(
        managedEntity(e.entityRef.split('/')[1], {
          'image-factory.io/image': `ghcr.io/elsewhere/${
            e.entityRef.split('/')[1]
          }`,
        }),
      ),
    );
    const result = mergeStateWithinArchiveLimit(
      { previous: enrolled(), enrollments: renamed, analyses, now: T2 },
      0.5,
    );
    expect(result.refused?.total).toBe(4);
    expect(result.state).toEqual(enrolled());
  });
});
