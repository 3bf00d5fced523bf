import fc from 'fast-check';
import { REGISTRY_PATTERN, REPOSITORY_PATTERN } from './grammar';

// Texts made of the characters that matter to the patterns, so that generated
// input is often close to valid.
function textOf(characters: string[], maxLength = 40): fc.Arbitrary<string> {
  return fc
    .array(fc.constantFrom(...characters), { maxLength })
    .map(parts => parts.join(''));
}

// A domain component as distribution's reference package writes it, which the
// grammar rewrites so that it never backtracks.
const DISTRIBUTION_COMPONENT =
  '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DISTRIBUTION_REGISTRY = new RegExp(
  `^(?:${DISTRIBUTION_COMPONENT}(?:\\.${DISTRIBUTION_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`,
);

describe('grammar', () => {
  it('accepts the same registries as distribution’s domain pattern', () => {
    fc.assert(
      fc.property(
        textOf([
          'a',
          'Z',
          '0',
          '9',
          '-',
          '--',
          '.',
          ':',
          '5000',
          '[',
          ']',
          'f',
          '_',
          'é',
        ]),
        host => {
          expect(REGISTRY_PATTERN.test(host)).toBe(
            DISTRIBUTION_REGISTRY.test(host),
          );
        },
      ),
      { numRuns: 20000 },
    );
  });

  it('accepts only lowercase repositories, so a match needs no lowercase check', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          textOf([
            'a',
            'z',
            '0',
            '.',
            '_',
            '__',
            '-',
            '/',
            'A',
            'Z',
            'É',
            'é',
            'İ',
            'ß',
          ]),
          fc.string(),
        ),
        path => {
          // Whatever the pattern accepts is lowercase already.
          expect(
            !REPOSITORY_PATTERN.test(path) || path.toLowerCase() === path,
          ).toBe(true);
        },
      ),
      { numRuns: 20000 },
    );
  });
});
