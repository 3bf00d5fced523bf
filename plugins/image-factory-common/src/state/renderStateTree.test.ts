import { join } from 'node:path';
import { listMonitoredRefs } from './listMonitoredRefs';
import { mergeState } from './mergeState';
import { parseStateTree } from './parseStateTree';
import { recordDigest } from './recordDigest';
import { renderStateTree } from './renderStateTree';
import { emptyStateTree, type StateTree } from './types';
import { digestOf, loadFleet } from './__testUtils__/testData';
import { byPath, readGolden } from './__testUtils__/golden';

const T1 = '2025-03-01T08:00:00.000Z';
const T2 = '2025-03-02T08:00:00.000Z';
const T3 = '2025-03-09T08:00:00.000Z';

/** The fleet after a first run, a discovery pass, an upstream update and a second run. */
function fleetState(): StateTree {
  const { enrollments, analyses } = loadFleet(T1);
  let state = mergeState({
    previous: emptyStateTree(),
    enrollments,
    analyses,
    now: T1,
  }).state;
  for (const ref of listMonitoredRefs(state)) {
    state = recordDigest(state, ref, {
      digest: digestOf(`${ref} first`),
      platformDigests: {
        'linux/amd64': digestOf(`${ref} first amd64`),
        'linux/arm64': digestOf(`${ref} first arm64`),
      },
      seenAt: T2,
    });
  }
  state = recordDigest(state, 'node:22-bookworm-slim', {
    digest: digestOf('node:22-bookworm-slim second'),
    seenAt: T3,
  });
  return mergeState({ previous: state, enrollments, analyses, now: T3 }).state;
}

describe('renderStateTree', () => {
  it('renders the multi-image fleet exactly as the golden state repository', () => {
    const files = renderStateTree(fleetState());
    expect(byPath(files)).toEqual(
      readGolden(join(__dirname, '__golden__', 'fleet'), files),
    );
  });

  it('reads back what it rendered', () => {
    const state = fleetState();
    const { state: parsed, invalid } = parseStateTree(renderStateTree(state));
    expect(invalid).toEqual([]);
    expect(parsed).toEqual(state);
  });
});
