import { InputError } from '@backstage/errors';
import {
  parseGithubRepository,
  parseGitlabProject,
} from './parseRepositoryUrl';

describe('parseGithubRepository', () => {
  it.each([
    ['https://github.com/acme/payments/tree/main/', 'main'],
    [
      'url:https://github.com/acme/payments/blob/release-2/services/api/Dockerfile',
      'release-2',
    ],
    ['https://github.com/acme/payments.git', null],
    ['https://github.com/acme/payments', null],
    ['https://github.com/acme/payments/tree/feature%2Fx/', 'feature/x'],
  ])('reads %s', (location, branch) => {
    expect(parseGithubRepository(location)).toEqual({
      owner: 'acme',
      repo: 'payments',
      branch,
      url: 'https://github.com/acme/payments',
    });
  });

  it('rejects a location that names no repository', () => {
    expect(() => parseGithubRepository('https://github.com/acme')).toThrow(
      InputError,
    );
    expect(() => parseGithubRepository('file:/srv/payments/')).toThrow(
      InputError,
    );
  });
});

describe('parseGitlabProject', () => {
  it.each([
    [
      'https://gitlab.example.com/group/sub/project/-/tree/main/',
      'https://gitlab.example.com',
      'group/sub/project',
      'main',
    ],
    [
      'url:https://gitlab.example.com/group/project/-/blob/v2/Dockerfile',
      'https://gitlab.example.com',
      'group/project',
      'v2',
    ],
    [
      'https://gitlab.example.com/group/project/tree/main',
      'https://gitlab.example.com',
      'group/project',
      'main',
    ],
    [
      'https://gitlab.example.com/group/sub/project.git',
      'https://gitlab.example.com',
      'group/sub/project',
      null,
    ],
    [
      'https://example.com/gitlab/group/project/-/tree/main/',
      'https://example.com/gitlab',
      'group/project',
      'main',
    ],
  ])('reads %s', (location, baseUrl, path, branch) => {
    expect(parseGitlabProject(location, baseUrl)).toEqual({ path, branch });
  });

  it('rejects a location that names no project', () => {
    expect(() =>
      parseGitlabProject(
        'https://gitlab.example.com/group/-/tree/main',
        'https://gitlab.example.com',
      ),
    ).toThrow(InputError);
  });
});
