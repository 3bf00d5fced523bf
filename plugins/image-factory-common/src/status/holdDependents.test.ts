import type { EligibilityState, ImageStatus } from '../api';
import { holdDependents } from './holdDependents';

// Only what the hold reads: kind, image, base image references, eligibility.
function image(
  name: string,
  state: EligibilityState,
  ...bases: string[]
): ImageStatus {
  return {
    entityRef: `component:default/${name}`,
    kind: 'managed',
    enrollment: { image: `ghcr.io/acme/${name}` },
    baseImages: bases.map(ref => ({ ref })),
    eligibility: {
      state,
      reasons: [`${name} is ${state}`],
      ...(state === 'eligible' && { eligibleAt: '2026-12-01T00:00:00.000Z' }),
    },
  } as unknown as ImageStatus;
}

const states = (statuses: ImageStatus[]) =>
  statuses.map(s => [s.entityRef.split('/')[1], s.eligibility.state]);

describe('holdDependents', () => {
  it('holds an eligible image while the image its base image is is eligible or rebuilding', () => {
    const held = holdDependents([
      image('base-node', 'eligible', 'docker.io/library/node:22'),
      image('api', 'eligible', 'ghcr.io/acme/base-node:22'),
      image('worker', 'eligible', 'ghcr.io/acme/base-python:3'),
      image('base-python', 'rebuilding', 'docker.io/library/python:3'),
      image('web', 'eligible', 'docker.io/library/nginx:1'),
    ]);
    expect(states(held)).toEqual([
      ['base-node', 'eligible'],
      ['api', 'pending'],
      ['worker', 'pending'],
      ['base-python', 'rebuilding'],
      ['web', 'eligible'],
    ]);
    expect(held[1].eligibility).toEqual({
      state: 'pending',
      reasons: [
        'Waits for component:default/base-node, which builds its base image (ghcr.io/acme/base-node), to be rebuilt first (it is eligible): built now, this image would be built again on the new digest.',
        'api is eligible',
      ],
    });
  });

  it('holds along a whole chain: a three-level chain is built from the top, each once', () => {
    // top ← middle ← bottom: only top may be built; middle and bottom wait.
    const chain = [
      image('top', 'eligible', 'docker.io/library/node:22'),
      image('middle', 'eligible', 'ghcr.io/acme/top:1'),
      image('bottom', 'eligible', 'ghcr.io/acme/middle:1'),
    ];
    expect(states(holdDependents(chain))).toEqual([
      ['top', 'eligible'],
      ['middle', 'pending'],
      ['bottom', 'pending'],
    ]);
    // Once top is up to date again, middle is next; bottom still waits.
    chain[0] = image('top', 'up-to-date', 'docker.io/library/node:22');
    const next = holdDependents(chain);
    expect(states(next)).toEqual([
      ['top', 'up-to-date'],
      ['middle', 'eligible'],
      ['bottom', 'pending'],
    ]);
    // An upstream two levels up is named as such.
    chain[1] = image('middle', 'up-to-date', 'ghcr.io/acme/top:1');
    chain[0] = image('top', 'rebuilding', 'docker.io/library/node:22');
    expect(holdDependents(chain)[2].eligibility.reasons[0]).toBe(
      'Waits for component:default/top, which builds an image its base images are built on (ghcr.io/acme/top), to be rebuilt first (it is rebuilding): built now, this image would be built again on the new digest.',
    );
  });

  it('holds nothing back for an upstream that is pending, up to date or blocked', () => {
    const statuses = [
      image('a', 'pending', 'docker.io/library/node:22'),
      image('b', 'blocked', 'ghcr.io/acme/c:1'),
      image('c', 'blocked', 'ghcr.io/acme/b:1'),
      image('d', 'eligible', 'ghcr.io/acme/a:1', 'ghcr.io/acme/b:1'),
      image('e', 'eligible', 'ghcr.io/acme/e:previous'),
    ];
    expect(states(holdDependents(statuses))).toEqual(states(statuses));
  });
});
