import { keepInvalidStateFiles } from './keepInvalidStateFiles';
import { mergeState } from './mergeState';
import { parseStateTree } from './parseStateTree';
import { renderStateTree } from './renderStateTree';
import { emptyStateTree } from './types';
import { analyze, enroll, managedEntity } from './__testUtils__/testData';

const T1 = '2025-01-01T00:00:00.000Z';
const T2 = '2025-01-02T00:00:00.000Z';

const payments = enroll(managedEntity('payments'));
const web = enroll(managedEntity('web'));

/** A first run: payments on two `node:22` of different registries (so both get long names), web on nginx. */
function firstRun(
  dockerfiles = {
    payments: 'FROM node:22\nFROM ghcr.io/acme/node:22\n',
    web: 'FROM nginx:1.27\n',
  },
) {
  const analyses = new Map([
    [payments.entityRef, analyze(dockerfiles.payments, T1)],
    [web.entityRef, analyze(dockerfiles.web, T1)],
  ]);
  const { state } = mergeState({
    previous: emptyStateTree(),
    enrollments: [payments, web],
    analyses,
    now: T1,
  });
  return { files: renderStateTree(state), analyses };
}

const ALIASED = 'kind: managed\nimage: &i ghcr.io/acme/payments\nagain: *i\n';

describe('parseStateTree', () => {
  it('lists a file with YAML aliases as invalid, with its content, and reads the others', () => {
    const { files } = firstRun();
    files.set('state/images/payments.yaml', ALIASED);
    files.set('state/images/x.yaml', 'x: *nope\n');

    const parsed = parseStateTree(files);

    expect(parsed.invalid).toEqual([
      {
        path: 'state/images/payments.yaml',
        error:
          'line 2: YAML anchors and aliases are not allowed in a state file',
        content: ALIASED,
        key: 'ghcr.io/acme/payments',
      },
      {
        path: 'state/images/x.yaml',
        error:
          'line 1: YAML anchors and aliases are not allowed in a state file',
        content: 'x: *nope\n',
      },
    ]);
    expect(parsed.state.images.map(i => i.name)).toEqual(['web']);
  });

  it('keeps an invalid file and every file of its name as read, and writes the rest', () => {
    const { files, analyses } = firstRun();
    const hostile = 'kind: managed\nx: *nope\n';
    // A valid copy in the archive (a hand edit): frozen with its name.
    const archived = files.get('state/images/payments.yaml')!;
    files.set('state/_archive/images/payments.yaml', archived);
    files.set('state/images/payments.yaml', hostile);
    files.set('state/other/notes.yaml', 'not: [a state file\n');
    // The writer refuses such a path: it cannot be kept, and must not stop the write.
    files.set('state/images/my payments.yaml', 'x: *nope\n');

    const parsed = parseStateTree(files);
    const next = mergeState({
      previous: parsed.state,
      invalid: parsed.invalid,
      enrollments: [payments, web],
      analyses: new Map([
        ...analyses,
        [web.entityRef, analyze('FROM nginx:1.28\n', T2)],
      ]),
      now: T2,
    });
    const written = keepInvalidStateFiles({
      rendered: renderStateTree(next.state),
      read: files,
      invalid: parsed.invalid,
    });

    expect(written.get('state/images/payments.yaml')).toBe(hostile);
    expect(written.get('state/_archive/images/payments.yaml')).toBe(archived);
    expect(written.get('state/other/notes.yaml')).toBe('not: [a state file\n');
    expect(written.has('state/images/my payments.yaml')).toBe(false);
    expect(written.get('state/images/web.yaml')).toContain('nginx:1.28');
    expect(written.has('state/base-images/nginx-1-28.yaml')).toBe(true);
    expect([...written.keys()]).toEqual([...written.keys()].sort());
  });

  it('does not write a regenerated image elsewhere while its archived file is invalid', () => {
    const { files, analyses } = firstRun();
    const hostile = files
      .get('state/images/payments.yaml')!
      .replace('kind: managed', 'kind: &k managed');
    files.delete('state/images/payments.yaml');
    files.set('state/_archive/images/payments.yaml', hostile);

    const parsed = parseStateTree(files);
    const next = mergeState({
      previous: parsed.state,
      invalid: parsed.invalid,
      enrollments: [payments, web],
      analyses,
      now: T2,
    });
    const written = keepInvalidStateFiles({
      rendered: renderStateTree(next.state),
      read: files,
      invalid: parsed.invalid,
    });

    expect(written.get('state/_archive/images/payments.yaml')).toBe(hostile);
    expect(written.has('state/images/payments.yaml')).toBe(false);
  });

  it('keeps the name of the image an invalid file names, so it is not renamed meanwhile', () => {
    const { files, analyses } = firstRun();
    const path = 'state/base-images/docker-io-node-22.yaml';
    expect(files.has(path)).toBe(true);
    const hostile = `${files.get(path)!}extra: &a 1\n`;
    files.set(path, hostile);

    const parsed = parseStateTree(files);
    expect(parsed.invalid).toEqual([
      expect.objectContaining({ path, key: 'docker.io/library/node:22' }),
    ]);
    // Without the other `node:22`, a new docker.io/library/node:22 would be `node-22`.
    const next = mergeState({
      previous: parsed.state,
      invalid: parsed.invalid,
      enrollments: [payments, web],
      analyses: new Map([
        ...analyses,
        [payments.entityRef, analyze('FROM node:22\n', T2)],
      ]),
      now: T2,
    });
    const written = keepInvalidStateFiles({
      rendered: renderStateTree(next.state),
      read: files,
      invalid: parsed.invalid,
    });

    expect(next.state.baseImages.map(b => b.name)).toContain(
      'docker-io-node-22',
    );
    expect(written.get(path)).toBe(hostile);
    expect(written.has('state/base-images/node-22.yaml')).toBe(false);
  });

  it('never lets an invalid file take the name of a valid one', () => {
    const { files, analyses } = firstRun();
    // An invalid file named like web's state claims nginx, which has no valid file.
    files.delete('state/base-images/nginx-1-27.yaml');
    files.set(
      'state/_archive/base-images/web.yaml',
      'ref: docker.io/library/nginx:1.27\nx: &a 1\n',
    );

    const parsed = parseStateTree(files);
    const next = mergeState({
      previous: parsed.state,
      invalid: parsed.invalid,
      enrollments: [payments, web],
      analyses,
      now: T2,
    });

    expect(next.state.images.map(i => i.name)).toEqual(['payments', 'web']);
    expect(next.state.baseImages.map(b => b.name)).toContain('nginx-1-27');
  });

  it('lists a file that is not UTF-8 as invalid, whatever its text says, and keeps that text', () => {
    const { files, analyses } = firstRun();
    const path = 'state/images/payments.yaml';
    // Valid YAML once decoded: only the reader knows the bytes were not UTF-8.
    const standIn = `${files.get(path)}# caf\u00e9 \u00ff\n`;
    files.set(path, standIn);

    const parsed = parseStateTree(files, { undecodable: new Set([path]) });
    expect(parsed.invalid).toEqual([
      {
        path,
        error: expect.stringContaining('not valid UTF-8'),
        content: standIn,
        key: 'ghcr.io/acme/payments',
      },
    ]);
    const next = mergeState({
      previous: parsed.state,
      invalid: parsed.invalid,
      enrollments: [payments, web],
      analyses,
      now: T2,
    });
    const written = keepInvalidStateFiles({
      rendered: renderStateTree(next.state),
      read: files,
      invalid: parsed.invalid,
    });
    expect(written.get(path)).toBe(standIn);
  });
});
