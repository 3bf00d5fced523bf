import { parseGitSource } from './parseGitSource';

describe('parseGitSource', () => {
  it.each([
    [
      'url:https://github.com/acme/payments/tree/main/services/api/',
      'https://github.com/acme/payments',
      'main',
      'services/api',
    ],
    [
      'url:https://github.com/acme/payments/blob/main/catalog-info.yaml',
      'https://github.com/acme/payments',
      'main',
      'catalog-info.yaml',
    ],
    [
      'url:https://github.com/acme/payments/tree/main',
      'https://github.com/acme/payments',
      'main',
      '',
    ],
    [
      'url:https://gitlab.com/group/sub/payments/-/tree/develop/app?ref_type=heads',
      'https://gitlab.com/group/sub/payments',
      'develop',
      'app',
    ],
    [
      'url:https://bitbucket.org/acme/payments/src/main/app/',
      'https://bitbucket.org/acme/payments',
      'main',
      'app',
    ],
    [
      'url:https://github.com/acme/src/tree/main/',
      'https://github.com/acme/src',
      'main',
      '',
    ],
  ])('reads %s', (location, repoURL, branch, path) => {
    expect(parseGitSource(location)).toEqual({ repoURL, branch, path });
  });

  it('reads a clone URL without a branch', () => {
    expect(parseGitSource('url:https://git.acme.io/payments.git')).toEqual({
      repoURL: 'https://git.acme.io/payments.git',
      branch: null,
      path: '',
    });
  });

  it.each([
    'file:/srv/payments/',
    'url:https://example.com/docs/payments/',
    'url:ftp://acme/x.git',
  ])('does not take %s for git', location => {
    expect(parseGitSource(location)).toBeUndefined();
  });
});
