import { listMonitoredRefs } from './listMonitoredRefs';
import { mergeState } from './mergeState';
import { parseStateTree } from './parseStateTree';
import { recordDigest } from './recordDigest';
import { renderStateTree } from './renderStateTree';
import { StateFileMemo } from './StateFileMemo';
import { stateSettings } from './stateSettings';
import { emptyStateTree, type StateTree } from './types';
import { checkStateFile } from './validateStateFile';
import { digestOf, loadFleet } from './__testUtils__/testData';

const T1 = '2025-03-01T08:00:00.000Z';
const T2 = '2025-03-02T08:00:00.000Z';

// The fleet after a first run, and after a discovery pass that moves every
// monitored reference: two states that differ in every base image.
function fleetStates(): [StateTree, StateTree] {
  const { enrollments, analyses } = loadFleet(T1);
  const first = mergeState({
    previous: emptyStateTree(),
    enrollments,
    analyses,
    now: T1,
  }).state;
  let second = first;
  for (const ref of listMonitoredRefs(first)) {
    second = recordDigest(second, ref, {
      digest: digestOf(`${ref} moved`),
      seenAt: T2,
    });
  }
  return [first, second];
}

const settings = stateSettings({ namespace: 'kargo-images' });

describe('StateFileMemo', () => {
  it('renders exactly what renderStateTree renders without it, run after run', () => {
    const memo = new StateFileMemo();
    const [first, second] = fleetStates();
    for (const state of [first, second, second, first]) {
      expect(renderStateTree(state, settings, { memo })).toEqual(
        renderStateTree(state, settings),
      );
    }
  });

  it('parses exactly what parseStateTree parses without it, and hands out copies', () => {
    const memo = new StateFileMemo();
    const [first, second] = fleetStates();
    for (const state of [first, first, second, first]) {
      const files = renderStateTree(state, settings);
      const withMemo = parseStateTree(files, { memo });
      expect(withMemo).toEqual(parseStateTree(files));
      // What one run changes in what it read is not what the next run reads.
      withMemo.state.images[0].name = 'changed by the merge';
      withMemo.state.baseImages[0].dependents.length = 0;
    }
  });

  it('reads back what it rendered without parsing it, as a parse would', () => {
    const memo = new StateFileMemo();
    const [, second] = fleetStates();
    const files = renderStateTree(second, settings, { memo });
    const stateFiles = [...files].filter(
      ([path]) => path.startsWith('state/') && path !== 'state/_settings.yaml',
    );
    expect(stateFiles.length).toBeGreaterThan(5);
    for (const [path, text] of stateFiles) {
      const parse = jest.fn(() => checkStateFile(path, text));
      expect(memo.parse(path, text, parse)).toEqual(checkStateFile(path, text));
      expect(parse).not.toHaveBeenCalled();
    }
  });

  it('parses a file again only when its text changes, and never keeps an invalid one', () => {
    const memo = new StateFileMemo();
    const [first] = fleetStates();
    const [path, text] = [...renderStateTree(first)].find(([p]) =>
      p.startsWith('state/images/'),
    )!;
    const parse = jest.fn(() => checkStateFile(path, text));

    const once = memo.parse(path, text, parse);
    expect(memo.parse(path, text, parse)).toEqual(once);
    expect(parse).toHaveBeenCalledTimes(1);

    const edited = `${text}# edited\n`;
    const parsedAgain = jest.fn(() => checkStateFile(path, edited));
    memo.parse(path, edited, parsedAgain);
    expect(parsedAgain).toHaveBeenCalledTimes(1);

    const invalid = jest.fn(() => checkStateFile(path, 'kind: [\n'));
    expect(memo.parse(path, 'kind: [\n', invalid).ok).toBe(false);
    expect(memo.parse(path, 'kind: [\n', invalid).ok).toBe(false);
    expect(invalid).toHaveBeenCalledTimes(2);
  });

  it('renders a file again only when its document changes, and forgets paths no longer rendered', () => {
    const memo = new StateFileMemo();
    const value = { name: 'a', digests: ['sha256:1'] };
    const render = () => memo.format('state/images/a.yaml', 'x', 'y', value);
    const first = render();
    expect(render()).toBe(first);
    value.digests.push('sha256:2');
    expect(render()).not.toBe(first);
    expect(render()).toContain('sha256:2');

    memo.keepRendered(new Set());
    value.digests.pop();
    expect(render()).toBe(first);
  });
});
