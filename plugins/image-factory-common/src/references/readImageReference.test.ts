import fc from 'fast-check';
import {
  describeInvalidReference,
  ImageReferenceError,
} from './ImageReferenceError';
import { parseImageReference, readImageReference } from './parseImageReference';

// Pieces of references, valid and not, so that generated text reaches every
// check.
const PIECES = [
  'a',
  'z',
  '0',
  '.',
  '_',
  '__',
  '-',
  '/',
  ':',
  '@',
  'A',
  'é',
  ' ',
  'node',
  'library/',
  'localhost',
  'ghcr.io/',
  'docker.io/',
  'index.docker.io/',
  '[::1]',
  ':5000',
  ':22-alpine',
  'sha256:',
  'sha512:',
  'md5:',
  'ab'.repeat(16),
  'ab'.repeat(32),
  'f'.repeat(64),
  'x'.repeat(130),
];

const referenceLike = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 12 })
  .map(parts => parts.join(''));

function parsed(text: string): unknown {
  try {
    return parseImageReference(text);
  } catch (error) {
    return error;
  }
}

describe('readImageReference', () => {
  it('reads what parseImageReference parses and reports what it throws', () => {
    fc.assert(
      fc.property(fc.oneof(referenceLike, fc.string()), text => {
        const read = readImageReference(text);
        const outcome = parsed(text);
        // fast-check properties may return early: `false` fails the property.
        if (!(outcome instanceof Error)) {
          return (
            read.ok &&
            JSON.stringify(read.reference) === JSON.stringify(outcome)
          );
        }
        expect(outcome).toBeInstanceOf(ImageReferenceError);
        expect(read).toEqual({
          ok: false,
          part: (outcome as ImageReferenceError).part,
          detail: expect.any(String),
        });
        expect(outcome.message).toBe(
          describeInvalidReference(text, read.ok ? '' : read.detail),
        );
        return true;
      }),
      { numRuns: 5000 },
    );
  });
});
