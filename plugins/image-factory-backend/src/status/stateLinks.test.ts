import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { stateLinksOf, StateLinksInput } from './stateLinks';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      gitlab: [
        {
          host: 'gitlab.acme.dev',
          apiBaseUrl: 'https://gitlab.acme.dev/api/v4',
        },
      ],
    },
  }),
);

const paths = {
  stateFile: 'state/images/payments.yaml',
  warehouseManifest: 'manifests/warehouses/payments.yaml',
};

function input(url: string | undefined, more: Partial<StateLinksInput> = {}) {
  return { url, branch: 'main', basePath: '', integrations, ...more };
}

describe('stateLinksOf', () => {
  it('links to the blob pages of a GitHub repository', () => {
    expect(stateLinksOf(input('https://github.com/acme/state'))(paths)).toEqual(
      {
        stateFile:
          'https://github.com/acme/state/blob/main/state/images/payments.yaml',
        warehouseManifest:
          'https://github.com/acme/state/blob/main/manifests/warehouses/payments.yaml',
      },
    );
  });

  it('links to a GitLab repository in subgroups, on a configured host', () => {
    expect(
      stateLinksOf(
        input('https://gitlab.acme.dev/platform/images/state.git', {
          branch: 'release/v2',
        }),
      )(paths),
    ).toEqual({
      stateFile:
        'https://gitlab.acme.dev/platform/images/state/-/blob/release/v2/state/images/payments.yaml',
      warehouseManifest:
        'https://gitlab.acme.dev/platform/images/state/-/blob/release/v2/manifests/warehouses/payments.yaml',
    });
  });

  it('puts the base path in front of the file paths', () => {
    expect(
      stateLinksOf(
        input('https://github.com/acme/state', { basePath: 'factory/prod' }),
      )({ stateFile: paths.stateFile }),
    ).toEqual({
      stateFile:
        'https://github.com/acme/state/blob/main/factory/prod/state/images/payments.yaml',
    });
  });

  it('strips credentials, query and a trailing .git from the configured URL', () => {
    const links = stateLinksOf(
      input('https://x-access-token:ghp_secret@github.com/acme/state.git/?a=1'),
    )(paths);
    expect(links.stateFile).toBe(
      'https://github.com/acme/state/blob/main/state/images/payments.yaml',
    );
    expect(JSON.stringify(links)).not.toMatch(/secret|x-access-token|\.git\//);
  });

  it('reads SSH remotes as the same host over HTTPS', () => {
    expect(
      stateLinksOf(input('git@github.com:acme/state.git'))(paths).stateFile,
    ).toBe(
      'https://github.com/acme/state/blob/main/state/images/payments.yaml',
    );
    expect(
      stateLinksOf(input('ssh://git@gitlab.com/group/sub/state.git'))(paths)
        .stateFile,
    ).toBe(
      'https://gitlab.com/group/sub/state/-/blob/main/state/images/payments.yaml',
    );
  });

  it('gives no links for a local repository, a file: URL or an unknown host', () => {
    for (const url of [
      undefined,
      '/var/lib/image-factory/state.git',
      './state',
      'file:///var/lib/state.git',
      'https://git.unknown.example/acme/state.git',
      'https://github.com/',
    ]) {
      expect(stateLinksOf(input(url))(paths)).toEqual({});
    }
    expect(stateLinksOf(undefined)(paths)).toEqual({});
  });
});
