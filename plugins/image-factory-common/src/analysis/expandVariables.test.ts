import {
  expandVariables,
  type ExpansionResult,
  type VariableState,
} from './expandVariables';
import { EXPANSION_MAX_DEPTH, EXPANSION_MAX_LENGTH } from './limits';

const SCOPE = new Map<string, VariableState>([
  ['NAME', { value: 'node' }],
  ['TAG', { value: '22' }],
  ['EMPTY', { value: '' }],
  ['UNKNOWN', { value: null, reason: 'UNKNOWN has no default' }],
]);

function expand(
  word: string,
  escapeChar = '\\',
  budget = Number.POSITIVE_INFINITY,
): ExpansionResult {
  return expandVariables(word, SCOPE, {
    escapeChar,
    budget: { remaining: budget },
    describeMissing: name => `${name} is missing`,
  });
}

describe('expandVariables', () => {
  it.each([
    ['node:22', 'node:22'],
    ['$NAME:$TAG', 'node:22'],
    ['${NAME}:${TAG}-slim', 'node:22-slim'],
    ['${TAG:-20}', '22'],
    ['${MISSING:-20}', '20'],
    ['${UNKNOWN:-20}', '20'],
    ['${EMPTY:-20}', '20'],
    ['${EMPTY-20}', ''],
    ['${MISSING-20}', '20'],
    ['${TAG:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${MISSING:+alt}', ''],
    ['${MISSING:-${NAME}:${TAG}}', 'node:22'],
    ['${MISSING:-${ALSO_MISSING:-x}}', 'x'],
    ['${TAG:-$MISSING}', '22'],
    ['${TAG:?needed}', '22'],
    ['a\\$NAME', 'a$NAME'],
    ["'$NAME'", '$NAME'],
    ['"$NAME:$TAG"', 'node:22'],
    ['"a\\"b"', 'a"b'],
    ['cost$', 'cost$'],
    ['$/x', '$/x'],
  ])('expands %s to %j', (word, value) => {
    expect(expand(word)).toEqual({ ok: true, value });
  });

  it('uses the escape character of the Dockerfile', () => {
    expect(expand('a`$NAME\\x', '`')).toEqual({ ok: true, value: 'a$NAME\\x' });
  });

  it.each([
    ['$MISSING', 'MISSING is missing'],
    ['${UNKNOWN}', 'UNKNOWN has no default'],
    ['node:${MISSING:+$UNKNOWN}x$MISSING', 'MISSING is missing'],
    ['${MISSING:?set it}', 'variable MISSING is required: set it'],
    ['${EMPTY:?}', 'variable EMPTY is required'],
    ['${NAME', 'unterminated "${"'],
    ['${NAME:-x', 'unterminated "${"'],
    ['${}', 'bad substitution'],
    ['${NAME#n}', 'unsupported substitution "${NAME#"'],
    ['${NAME:1}', 'unsupported substitution "${NAME:1"'],
    ["'abc", 'unterminated single quote'],
    ['"abc', 'unterminated double quote'],
  ])('fails %s with %j', (word, reason) => {
    const result = expand(word);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ reason: expect.stringContaining(reason) });
  });

  it('does not evaluate the branch that is not taken', () => {
    expect(expand('${TAG:-$UNKNOWN}')).toEqual({ ok: true, value: '22' });
    expect(expand('${MISSING:+$UNKNOWN}')).toEqual({ ok: true, value: '' });
  });

  it('stops at the nesting limit', () => {
    const depth = EXPANSION_MAX_DEPTH + 1;
    const word = `${'${A:-'.repeat(depth)}x${'}'.repeat(depth)}`;
    expect(expand(word)).toEqual({
      ok: false,
      reason: `variables are nested more than ${EXPANSION_MAX_DEPTH} levels deep`,
    });
    const allowed = `${'${A:-'.repeat(EXPANSION_MAX_DEPTH)}x${'}'.repeat(
      EXPANSION_MAX_DEPTH,
    )}`;
    expect(expand(allowed)).toEqual({ ok: true, value: 'x' });
  });

  it('fails quickly on very deep nesting', () => {
    const word = `${'${A:-'.repeat(100_000)}x${'}'.repeat(100_000)}`;
    expect(expand(word)).toMatchObject({ ok: false });
  });

  it('stops when the result gets too long', () => {
    const word = '$NAME'.repeat(EXPANSION_MAX_LENGTH);
    expect(expand(word)).toEqual({
      ok: false,
      reason: `the expansion is longer than ${EXPANSION_MAX_LENGTH} characters`,
    });
  });

  it('stops when the budget of the Dockerfile is spent', () => {
    expect(expand('$NAME', '\\', 0)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('expands too many characters in total'),
    });
  });
});
