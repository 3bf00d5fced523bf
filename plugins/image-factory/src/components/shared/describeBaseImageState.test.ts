import { describeBaseImageState } from './describeBaseImageState';

const built = 'sha256:1111';
const newer = 'sha256:2222';
const newest = 'sha256:3333';

describe('describeBaseImageState', () => {
  it('is up to date when built on the newest digest', () => {
    expect(
      describeBaseImageState({
        builtDigest: newest,
        latestDigest: newest,
        eligibleDigest: newest,
      }).state,
    ).toBe('up-to-date');
  });

  it('is pending while the newer digest is younger than the delay', () => {
    expect(
      describeBaseImageState({
        builtDigest: built,
        latestDigest: newest,
        eligibleDigest: built,
      }).state,
    ).toBe('pending');
    expect(
      describeBaseImageState({
        builtDigest: built,
        latestDigest: newest,
        eligibleDigest: null,
      }).state,
    ).toBe('pending');
  });

  it('is eligible when a newer digest has aged past the delay', () => {
    expect(
      describeBaseImageState({
        builtDigest: built,
        latestDigest: newest,
        eligibleDigest: newer,
      }),
    ).toEqual({ state: 'eligible', label: 'Update eligible' });
  });

  it('is up to date when the index moved only for platforms the image does not build', () => {
    expect(
      describeBaseImageState({
        builtDigest: built,
        latestDigest: newest,
        latestRelevantDigest: built,
        eligibleDigest: null,
      }),
    ).toEqual({ state: 'up-to-date', label: 'Up to date' });
    expect(
      describeBaseImageState({
        builtDigest: built,
        latestDigest: newest,
        latestRelevantDigest: newer,
        eligibleDigest: null,
      }).state,
    ).toBe('pending');
  });

  it('has no freight before the first discovery', () => {
    expect(
      describeBaseImageState({
        builtDigest: null,
        latestDigest: null,
        eligibleDigest: null,
      }).label,
    ).toBe('No freight yet');
  });

  it('puts a discovery error first', () => {
    expect(
      describeBaseImageState({
        builtDigest: built,
        latestDigest: built,
        eligibleDigest: built,
        error: 'docker.io answered 429',
      }).state,
    ).toBe('error');
  });
});
