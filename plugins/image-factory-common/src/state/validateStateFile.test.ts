import { mergeState } from './mergeState';
import { renderStateTree } from './renderStateTree';
import { emptyStateTree } from './types';
import { validateStateFile } from './validateStateFile';
import { analyze, enroll, managedEntity } from './__testUtils__/testData';

const T1 = '2025-01-01T00:00:00.000Z';

function rendered(): Map<string, string> {
  const payments = enroll(managedEntity('payments'));
  const { state } = mergeState({
    previous: emptyStateTree(),
    enrollments: [payments],
    analyses: new Map([[payments.entityRef, analyze('FROM node:22\n', T1)]]),
    now: T1,
  });
  return renderStateTree(state);
}

describe('validateStateFile', () => {
  it('accepts the files the merge writes', () => {
    const files = rendered();
    const image = validateStateFile(
      'state/images/payments.yaml',
      files.get('state/images/payments.yaml')!,
    );
    const base = validateStateFile(
      'state/base-images/node-22.yaml',
      files.get('state/base-images/node-22.yaml')!,
    );
    expect(image).toMatchObject({
      ok: true,
      value: { section: 'images', image: { name: 'payments' } },
    });
    expect(base).toMatchObject({
      ok: true,
      value: { section: 'base-images', baseImage: { name: 'node-22' } },
    });
    expect(
      validateStateFile(
        'state/_archive/base-images/node-22.yaml',
        files.get('state/base-images/node-22.yaml')!,
      ),
    ).toMatchObject({ ok: true, value: { section: 'archive/base-images' } });
  });

  it('names the path and the failing field', () => {
    const text = rendered()
      .get('state/images/payments.yaml')!
      .replace('rebuildDelay: 7d', 'rebuildDelay: a week');
    expect(validateStateFile('state/images/payments.yaml', text)).toEqual({
      ok: false,
      error:
        'state/images/payments.yaml: field policy.rebuildDelay: not a duration such as 7d or 36h',
    });
  });

  it('names array positions in the failing field', () => {
    const text = rendered()
      .get('state/base-images/node-22.yaml')!
      .replace(
        'dependents:\n  - component:default/payments',
        'dependents:\n  - payments',
      );
    expect(validateStateFile('state/base-images/node-22.yaml', text)).toEqual({
      ok: false,
      error:
        'state/base-images/node-22.yaml: field dependents[0]: not an entity ref (kind:namespace/name)',
    });
  });

  it('reports YAML syntax errors with their line', () => {
    const result = validateStateFile(
      'state/base-images/node-22.yaml',
      'ref: [unclosed\n',
    );
    expect(result).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^state\/base-images\/node-22.yaml: .*line 2/s,
      ),
    });
  });

  it('rejects a file of the wrong kind for its folder', () => {
    const files = rendered();
    const result = validateStateFile(
      'state/images/node-22.yaml',
      files.get('state/base-images/node-22.yaml')!,
    );
    expect(result).toEqual({
      ok: false,
      error: expect.stringContaining('state/images/node-22.yaml: field kind'),
    });
  });

  it('rejects paths that are not state files and names that are not DNS labels', () => {
    expect(validateStateFile('state/other/x.yaml', '')).toEqual({
      ok: false,
      error: expect.stringContaining('not a state file'),
    });
    expect(validateStateFile('state/images/Payments_API.yaml', '')).toEqual({
      ok: false,
      error:
        'state/images/Payments_API.yaml: file name "Payments_API" is not a DNS-1123 label',
    });
  });
});
