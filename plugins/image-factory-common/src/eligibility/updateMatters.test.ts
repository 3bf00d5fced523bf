import { updateMatters } from './updateMatters';
import { digest } from './testClock';

const AMD64 = 'linux/amd64';
const ARM64 = 'linux/arm64';

function index(label: string, platforms: Record<string, string>) {
  return {
    digest: digest(label),
    platformDigests: Object.fromEntries(
      Object.entries(platforms).map(([platform, manifest]) => [
        platform,
        digest(manifest),
      ]),
    ),
  };
}

const built = index('index-1', { [AMD64]: 'amd-1', [ARM64]: 'arm-1' });
const armMoved = index('index-2', { [AMD64]: 'amd-1', [ARM64]: 'arm-2' });
const amdMoved = index('index-3', { [AMD64]: 'amd-2', [ARM64]: 'arm-1' });

describe('updateMatters', () => {
  it('ignores an index move that leaves the built platforms unchanged', () => {
    expect(updateMatters(armMoved, built, [AMD64])).toBe(false);
  });

  it('counts an index move that changes a built platform', () => {
    expect(updateMatters(armMoved, built, [ARM64])).toBe(true);
    expect(updateMatters(amdMoved, built, [AMD64])).toBe(true);
    expect(updateMatters(armMoved, built, [AMD64, ARM64])).toBe(true);
  });

  it('never counts the same index digest', () => {
    expect(updateMatters(built, built, [AMD64])).toBe(false);
    expect(updateMatters(built, built, [])).toBe(false);
    expect(
      updateMatters({ digest: built.digest }, { digest: built.digest }, []),
    ).toBe(false);
  });

  it('compares index digests when the image names no platforms', () => {
    expect(updateMatters(armMoved, built, [])).toBe(true);
    expect(updateMatters(armMoved, built, undefined)).toBe(true);
  });

  it('counts the update when either side has no platform digests (single-platform image, or old state)', () => {
    const single = { digest: digest('single') };
    expect(updateMatters(single, built, [AMD64])).toBe(true);
    expect(updateMatters(armMoved, { digest: built.digest }, [AMD64])).toBe(
      true,
    );
    expect(updateMatters({ digest: digest('x') }, single, [AMD64])).toBe(true);
  });

  it('counts the update when a built platform is missing from either side', () => {
    const amdOnly = index('index-4', { [AMD64]: 'amd-1' });
    expect(updateMatters(amdOnly, built, [AMD64, ARM64])).toBe(true);
    expect(updateMatters(built, amdOnly, [AMD64, ARM64])).toBe(true);
    expect(updateMatters(amdOnly, built, [AMD64])).toBe(false);
  });

  it('counts every update when nothing is known to compare with', () => {
    expect(updateMatters(armMoved, undefined, [AMD64])).toBe(true);
  });
});
