import { parseBuildArgs } from './parseBuildArgs';

describe('parseBuildArgs', () => {
  it.each([
    ['A=1,B=2', { A: '1', B: '2' }],
    [' NODE_VERSION = 22 , _X=a=b ', { NODE_VERSION: '22', _X: 'a=b' }],
    ['EMPTY=', { EMPTY: '' }],
    ['', {}],
    ['   ', {}],
  ])('parses %j', (text, expected) => {
    expect(parseBuildArgs(text)).toEqual(expected);
  });

  it('keeps __proto__ as an ordinary name', () => {
    const args = parseBuildArgs('__proto__=x');
    expect(Object.keys(args)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(args)).toBe(Object.prototype);
  });

  it.each([
    ['A', 'build arg "A" has no "="'],
    ['A=1,,B=2', 'contain an empty pair'],
    ['A=1,', 'contain an empty pair'],
    ['=1', 'build arg name "" is invalid'],
    ['1A=1', 'build arg name "1A" is invalid'],
    ['A-B=1', 'build arg name "A-B" is invalid'],
    ['A=1,A=2', 'build arg A is given twice'],
  ])('rejects %j', (text, message) => {
    expect(() => parseBuildArgs(text)).toThrow(message);
  });
});
