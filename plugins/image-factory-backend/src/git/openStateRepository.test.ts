import { writeOnHead } from './__testUtils__/writeOnHead';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureLocalBareRepository } from './ensureLocalBareRepository';
import { openStateRepository } from './openStateRepository';
import { GitFixture } from './__testUtils__/gitFixture';
import {
  GitHttpServer,
  startGitHttpServer,
} from './__testUtils__/startGitHttpServer';
import { startTlsProxy, TlsProxy } from './__testUtils__/startTlsProxy';
import { stateConfig } from './__testUtils__/stateConfig';

// Real git processes; the machine may be busy.
jest.setTimeout(60_000);

const TOKEN = 'ghp_IntegrationT0ken';

describe('openStateRepository', () => {
  let fixture: GitFixture;
  let server: GitHttpServer;
  let proxy: TlsProxy;
  const caInfo = process.env.GIT_SSL_CAINFO;

  beforeEach(async () => {
    fixture = new GitFixture();
    await ensureLocalBareRepository(fixture.remote, 'main');
    server = await startGitHttpServer({
      projectRoot: fixture.root,
      username: 'x-access-token',
      password: TOKEN,
      env: fixture.env(),
    });
    proxy = await startTlsProxy(Number(new URL(server.url).port));
    process.env.GIT_SSL_CAINFO = proxy.caFile;
  });

  afterEach(async () => {
    if (caInfo === undefined) delete process.env.GIT_SSL_CAINFO;
    else process.env.GIT_SSL_CAINFO = caInfo;
    await proxy.close();
    await server.close();
    fixture.cleanup();
  });

  function rootConfig() {
    return new ConfigReader({
      backend: { workingDirectory: join(fixture.root, 'work') },
      integrations: {
        github: [{ host: new URL(proxy.url).host, token: TOKEN }],
      },
    });
  }

  it.each(['https', 'HTTPS', 'Https'])(
    'gives a %s:// URL the token of the GitHub integration',
    async scheme => {
      const repo = await openStateRepository({
        rootConfig: rootConfig(),
        config: stateConfig(`${proxy.url.replace('https', scheme)}/remote.git`),
        logger: mockServices.logger.mock(),
      });

      await writeOnHead(repo, {
        files: new Map([['state/images/a.yaml', 'a\n']]),
        message: 'Over HTTPS',
      });

      expect(fixture.tree()).toEqual(new Map([['state/images/a.yaml', 'a']]));
      expect(new Set(server.authorizations)).toEqual(
        new Set([
          `Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`,
        ]),
      );
    },
  );

  it('refuses an http:// URL with credentials before anything is created, without echoing them', async () => {
    const error = await openStateRepository({
      rootConfig: rootConfig(),
      config: stateConfig(
        `${server.url.replace('//', `//x-access-token:${TOKEN}@`)}/remote.git`,
      ),
      logger: mockServices.logger.mock(),
    }).catch(e => e);

    expect(error).toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('clear text'),
    });
    expect(`${error.message} ${error.stack}`).not.toContain(TOKEN);
    expect(existsSync(join(fixture.root, 'work'))).toBe(false);
  });

  it('refuses a user@host:path URL instead of creating a local repository of that name', async () => {
    const cwd = process.cwd();
    process.chdir(fixture.root);
    try {
      const error = await openStateRepository({
        rootConfig: rootConfig(),
        config: stateConfig('git@github.com:acme/state.git'),
        logger: mockServices.logger.mock(),
      }).catch(e => e);
      expect(error).toMatchObject({ name: 'InputError' });
      expect(existsSync(join(fixture.root, 'git@github.com:acme'))).toBe(false);
    } finally {
      process.chdir(cwd);
    }
  });
});
