import fc from 'fast-check';
import { mergeState } from './mergeState';
import { renderStateTree } from './renderStateTree';
import { emptyStateTree } from './types';
import {
  isOversized,
  MAX_STATE_FILE_BYTES,
  validateStateFile,
} from './validateStateFile';
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

  const PATH = 'state/images/payments.yaml';
  const valid = () => rendered().get(PATH)!;
  /** The valid file with one edit, which must apply. */
  const edited = (from: string, to: string) => {
    const text = valid();
    expect(text).toContain(from);
    return text.replace(from, to);
  };
  // Every text below once made parsing throw, or is built to make a YAML reader misbehave.
  const hostile: Array<[string, () => string, RegExp]> = [
    ['an unresolved alias', () => 'x: *nope\n', /alias/],
    [
      'an alias to an anchor',
      () => edited('kind: managed', 'kind: &k managed\nx: *k'),
      /alias|anchor/,
    ],
    ['an anchor alone', () => edited('policy:', 'policy: &p'), /anchor/],
    [
      'a billion laughs',
      () =>
        [
          'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
          ...Array.from(
            { length: 8 },
            (_, i) =>
              `${String.fromCharCode(98 + i)}: &${String.fromCharCode(
                98 + i,
              )} [${Array(9)
                .fill(`*${String.fromCharCode(97 + i)}`)
                .join(',')}]`,
          ),
        ].join('\n'),
      /alias|anchor/,
    ],
    ['a merge key', () => 'base: &b {kind: managed}\n<<: *b\n', /alias|anchor/],
    [
      'deep flow nesting',
      () => `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
      /./,
    ],
    [
      'deep block nesting',
      () =>
        Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'),
      /./,
    ],
    [
      'more than 1 MiB',
      () => `${valid()}#${'x'.repeat(1024 * 1024)}\n`,
      /1 MiB/,
    ],
    [
      'more than 1 MiB of multi-byte text',
      () => `${valid()}#${'€'.repeat(400_000)}\n`,
      /1 MiB/,
    ],
    ['binary', () => '\u0000\u0001\u0002\ufffd\ud800\u001b[31m', /./],
    [
      'a !!js/function tag',
      () => edited('kind: managed', 'kind: !!js/function managed'),
      /tag/,
    ],
    [
      'a duplicate key',
      () => `${valid()}kind: external\n`,
      /unique|duplicate/i,
    ],
    ['several documents', () => `${valid()}---\n${valid()}`, /document/],
    ['a prototype key', () => '__proto__: {polluted: true}\n', /./],
    ['a scalar', () => "'just text'\n", /./],
    ['nothing', () => '', /./],
  ];

  it.each(hostile)(
    'refuses %s without throwing, naming the path',
    (_what, text, problem) => {
      const result = validateStateFile(PATH, text());
      expect(result).toEqual({
        ok: false,
        error: expect.stringMatching(/^state\/images\/payments.yaml: /),
      });
      expect(!result.ok && result.error).toMatch(problem);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('never throws, whatever the text', () => {
    const fragment = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom(
        '&a ',
        '*a',
        '<<: ',
        '!!js/function ',
        '!!binary ',
        '? ',
        '- ',
        '[',
        '{',
        ': ',
        '\n  ',
        "'",
        '"',
        '%YAML 1.1\n---\n',
        '---\n',
        'kind: managed\n',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fragment, { maxLength: 30 }).map(parts => parts.join('')),
        fc.boolean(),
        (text, baseImage) => {
          const path = baseImage ? 'state/base-images/node-22.yaml' : PATH;
          const result = validateStateFile(path, text);
          expect(result.ok || result.error.startsWith(`${path}: `)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('measures the size limit in UTF-8 bytes, as git stores the file', () => {
    const near = (unit: string, extra: number) =>
      unit.repeat(
        Math.floor(MAX_STATE_FILE_BYTES / Buffer.byteLength(unit)) + extra,
      );
    for (const unit of ['a', 'é', '€', '😀', '\ud800', '\udc00x']) {
      for (const extra of [-1, 0, 1]) {
        const text = near(unit, extra);
        expect([unit, extra, isOversized(text)]).toEqual([
          unit,
          extra,
          Buffer.byteLength(text, 'utf8') > MAX_STATE_FILE_BYTES,
        ]);
      }
    }
  });
});
