import { judgeRebuildImage } from './judgeRebuildImage';
import { repositoryOfMaterial } from './repositoryOfMaterial';
import type { BaseImageFacts, BuiltPlatformFacts } from './types';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const node = 'docker.io/library/node:22';
const base: BaseImageFacts = {
  ref: node,
  asked: {
    digest: digest('a'),
    digests: [digest('a'), digest('b'), digest('c')],
    layers: { 'linux/amd64': [digest('1')], 'linux/arm64': [digest('2')] },
  },
  before: {
    digest: digest('0'),
    digests: [digest('0')],
    layers: { 'linux/amd64': [digest('8')], 'linux/arm64': [digest('9')] },
  },
};
const platform = (
  name: string,
  facts: Partial<BuiltPlatformFacts>,
): BuiltPlatformFacts => ({
  platform: name,
  layers: [],
  materials: [],
  ...facts,
});
const judge = (...platforms: BuiltPlatformFacts[]) =>
  judgeRebuildImage({
    image: 'ghcr.io/acme/payments:latest@sha256:…',
    platforms,
    bases: [base],
    checkedAt: '2026-12-05T10:00:00.000Z',
  });

describe('judgeRebuildImage', () => {
  it('finds a mismatch when one platform of several is on the old base', () => {
    const result = judge(
      platform('linux/amd64', { layers: [digest('1'), digest('f')] }),
      platform('linux/arm64', { layers: [digest('9'), digest('f')] }),
    );
    expect(result.outcome).toBe('mismatch');
    expect(result.baseImages).toEqual([
      { ref: node, outcome: 'mismatch', method: 'layers', digest: digest('0') },
    ]);
  });

  it('takes the annotations before the layers, and a digest without a name only when it is known', () => {
    const annotated = judge(
      platform('linux/amd64', {
        baseDigest: digest('0'),
        layers: [digest('1'), digest('f')],
      }),
    );
    expect(annotated.baseImages[0]).toMatchObject({
      outcome: 'mismatch',
      method: 'annotations',
    });
    // A digest no one knows may be another image's: the layers decide.
    const unknown = judge(
      platform('linux/amd64', {
        baseDigest: digest('e'),
        layers: [digest('1'), digest('f')],
      }),
    );
    expect(unknown.baseImages[0]).toMatchObject({
      outcome: 'verified',
      method: 'layers',
    });
  });

  it('reads provenance materials spelled the short way or with their registry', () => {
    for (const uri of [
      'pkg:docker/node@22?platform=linux%2Famd64',
      'pkg:docker/docker.io/library/node@22',
      'pkg:docker/index.docker.io/library/node@sha256%3Aabc',
    ]) {
      expect(repositoryOfMaterial(uri)).toBe('docker.io/library/node');
    }
    expect(repositoryOfMaterial('pkg:github/acme/payments@v1')).toBeUndefined();
    expect(
      judge(
        platform('linux/amd64', {
          materials: [
            { uri: 'pkg:docker/golang@1.23', digest: digest('d') },
            { uri: 'pkg:docker/node@22', digest: digest('b') },
          ],
        }),
      ).baseImages[0],
    ).toMatchObject({ outcome: 'verified', method: 'provenance' });
  });
});
