import { selectRebuildDigests } from './selectRebuildDigests';

const baseImages = [
  {
    ref: 'docker.io/library/node:22',
    builtDigest: 'sha256:a',
    latestDigest: 'sha256:c',
    eligibleDigest: 'sha256:b',
  },
  {
    ref: 'docker.io/library/python:3.12',
    builtDigest: 'sha256:p',
    latestDigest: 'sha256:q',
    eligibleDigest: null,
  },
  {
    ref: 'gcr.io/distroless/base:latest',
    builtDigest: null,
    latestDigest: null,
    eligibleDigest: null,
  },
];

describe('selectRebuildDigests', () => {
  it('pins aged digests and keeps the built digest where nothing newer has aged', () => {
    expect(selectRebuildDigests(baseImages)).toEqual([
      { ref: 'docker.io/library/node:22', digest: 'sha256:b' },
      { ref: 'docker.io/library/python:3.12', digest: 'sha256:p' },
    ]);
  });

  it('takes the newest digests for an emergency rebuild', () => {
    expect(selectRebuildDigests(baseImages, { bypassDelay: true })).toEqual([
      { ref: 'docker.io/library/node:22', digest: 'sha256:c' },
      { ref: 'docker.io/library/python:3.12', digest: 'sha256:q' },
    ]);
  });

  it('takes the newest digest that changes the built platforms for an emergency rebuild', () => {
    expect(
      selectRebuildDigests(
        [
          {
            ref: 'docker.io/library/node:22',
            builtDigest: 'sha256:a',
            // sha256:c re-published linux/arm64 only; the image builds linux/amd64.
            latestDigest: 'sha256:c',
            latestRelevantDigest: 'sha256:b',
            eligibleDigest: null,
          },
        ],
        { bypassDelay: true },
      ),
    ).toEqual([{ ref: 'docker.io/library/node:22', digest: 'sha256:b' }]);
  });
});
