import { readFiles, writeOnHead } from './__testUtils__/writeOnHead';
import { mockServices } from '@backstage/backend-test-utils';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ensureLocalBareRepository } from './ensureLocalBareRepository';
import { StateRepository } from './StateRepository';
import { GitFixture } from './__testUtils__/gitFixture';
import {
  GitHttpServer,
  startGitHttpServer,
} from './__testUtils__/startGitHttpServer';
import { startTlsProxy, TlsProxy } from './__testUtils__/startTlsProxy';

// Real git processes; the machine may be busy.
jest.setTimeout(60_000);

const author = { name: 'Image Factory', email: 'factory@example.com' };
const TOKEN = 'ghs_S3cretT0kenValue';

function everyFile(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => join(entry.parentPath, entry.name));
}

/** Every form in which a token could leak. */
function leakedForms(username: string, token: string): string[] {
  return [
    token,
    `${username}:${token}`,
    Buffer.from(`${username}:${token}`).toString('base64'),
  ];
}

function expectNoLeak(texts: string[], forms: string[]) {
  for (const text of texts) {
    for (const form of forms) {
      expect(text).not.toContain(form);
    }
  }
}

async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('StateRepository credentials', () => {
  let fixture: GitFixture;
  let server: GitHttpServer | undefined;
  let proxy: TlsProxy | undefined;
  const caInfo = process.env.GIT_SSL_CAINFO;

  beforeEach(async () => {
    fixture = new GitFixture();
    await ensureLocalBareRepository(fixture.remote, 'main');
  });

  afterEach(async () => {
    if (caInfo === undefined) delete process.env.GIT_SSL_CAINFO;
    else process.env.GIT_SSL_CAINFO = caInfo;
    await proxy?.close();
    proxy = undefined;
    await server?.close();
    server = undefined;
    fixture.cleanup();
  });

  /**
   * A git server behind HTTP basic authentication, reached over HTTPS (the
   * only transport credentials are sent over), trusted by git through
   * GIT_SSL_CAINFO. Returns its `https://` base URL.
   */
  async function startHttpsServer(username: string, password: string) {
    const git = await startGitHttpServer({
      projectRoot: fixture.root,
      username,
      password,
      env: fixture.env(),
    });
    server = git;
    proxy = await startTlsProxy(Number(new URL(git.url).port));
    process.env.GIT_SSL_CAINFO = proxy.caFile;
    return { git, url: proxy.url };
  }

  it('authenticates to an HTTPS git server with the token and stores it nowhere', async () => {
    const { git, url } = await startHttpsServer('x-access-token', TOKEN);
    const logger = mockServices.logger.mock();
    const workDir = fixture.workDir('factory');
    const repo = await StateRepository.create({
      url: `${url}/remote.git`,
      branch: 'main',
      author,
      workDir,
      logger,
      credentials: { token: TOKEN },
    });

    const result = await writeOnHead(repo, {
      files: new Map([['state/images/a.yaml', 'a\n']]),
      message: 'Over HTTPS',
    });

    expect(result.committed).toBe(true);
    expect(fixture.tree()).toEqual(new Map([['state/images/a.yaml', 'a']]));
    expect(await readFiles(repo)).toEqual(
      new Map([['state/images/a.yaml', 'a\n']]),
    );
    // The header goes with every request, so git never falls back to prompting.
    expect(git.authorizations.length).toBeGreaterThan(0);
    expect(new Set(git.authorizations)).toEqual(
      new Set([
        `Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`,
      ]),
    );
    const logged = Object.values(logger)
      .filter(fn => jest.isMockFunction(fn))
      .flatMap(fn => (fn as jest.Mock).mock.calls.map(c => JSON.stringify(c)));
    expectNoLeak(
      [...everyFile(workDir).map(f => readFileSync(f, 'latin1')), ...logged],
      leakedForms('x-access-token', TOKEN),
    );
  });

  it('asks a credentials function before each operation, so a rotated token is used', async () => {
    const { git, url } = await startHttpsServer('x-access-token', 'token-1');
    let current = 'token-1';
    const provider = jest.fn(async () => ({ token: current }));
    const repo = await StateRepository.create({
      url: `${url}/remote.git`,
      branch: 'main',
      author,
      workDir: fixture.workDir('factory'),
      logger: mockServices.logger.mock(),
      credentials: provider,
    });
    await writeOnHead(repo, {
      files: new Map([['state/images/a.yaml', 'a\n']]),
      message: 'With the first token',
    });

    git.setPassword('token-2');
    current = 'token-2';
    await writeOnHead(repo, {
      files: new Map([['state/images/a.yaml', 'b\n']]),
      message: 'With the second token',
    });

    // Each write reads the head first: two operations per write.
    expect(provider).toHaveBeenCalledTimes(4);
    expect(fixture.tree()).toEqual(new Map([['state/images/a.yaml', 'b']]));
  });

  it('takes credentials from the URL userinfo without keeping them in the URL', async () => {
    const { url } = await startHttpsServer('alice', TOKEN);
    const workDir = fixture.workDir('factory');
    const repo = await StateRepository.create({
      url: `${url.replace('//', `//alice:${TOKEN}@`)}/remote.git`,
      branch: 'main',
      author,
      workDir,
      logger: mockServices.logger.mock(),
    });

    await writeOnHead(repo, {
      files: new Map([['state/images/a.yaml', 'a\n']]),
      message: 'Over HTTPS',
    });

    expect(fixture.tree()).toEqual(new Map([['state/images/a.yaml', 'a']]));
    expectNoLeak(
      everyFile(workDir).map(f => readFileSync(f, 'latin1')),
      leakedForms('alice', TOKEN),
    );
  });

  it('refuses a wrong token with a message that does not contain it', async () => {
    const { url } = await startHttpsServer('x-access-token', 'the-right-one');
    const repo = await StateRepository.create({
      url: `${url}/remote.git`,
      branch: 'main',
      author,
      workDir: fixture.workDir('factory'),
      logger: mockServices.logger.mock(),
      credentials: { token: TOKEN },
    });

    const error = await readFiles(repo).catch(e => e);

    expect(error).toMatchObject({ name: 'ServiceUnavailableError' });
    expect(error.message).toContain(`${url}/remote.git`);
    expectNoLeak(
      [error.message, String(error.stack)],
      leakedForms('x-access-token', TOKEN),
    );
  });

  it('keeps the token out of the clone and of errors when the HTTPS remote is unreachable', async () => {
    const port = await closedLoopbackPort();
    const workDir = fixture.workDir('factory');
    const withOption = await StateRepository.create({
      url: `https://127.0.0.1:${port}/acme/state.git`,
      branch: 'main',
      author,
      workDir,
      logger: mockServices.logger.mock(),
      credentials: { token: TOKEN, username: 'oauth2' },
    });
    const inUrl = await StateRepository.create({
      url: `https://oauth2:${TOKEN}@127.0.0.1:${port}/acme/state.git`,
      branch: 'main',
      author,
      workDir: fixture.workDir('userinfo'),
      logger: mockServices.logger.mock(),
    });

    const errors = [
      await readFiles(withOption).catch(e => e),
      await writeOnHead(withOption, {
        files: new Map([['state/a.yaml', 'a']]),
        message: 'm',
      }).catch(e => e),
      await readFiles(inUrl).catch(e => e),
    ];

    for (const error of errors) {
      expect(error).toMatchObject({ name: 'ServiceUnavailableError' });
      expect(error.message).toContain(
        `https://127.0.0.1:${port}/acme/state.git`,
      );
      expect(error.message).toMatch(/connect/i);
    }
    const config = readFileSync(
      join(workDir, 'repository.git', 'config'),
      'utf8',
    );
    expect(config).not.toMatch(/extraheader|url|oauth2/i);
    expectNoLeak(
      [
        ...errors.flatMap(e => [e.message, String(e.stack)]),
        ...everyFile(fixture.root).map(f => readFileSync(f, 'latin1')),
      ],
      leakedForms('oauth2', TOKEN),
    );
  });

  it('refuses an http:// URL with credentials, in the URL or given, without echoing them', async () => {
    const workDir = fixture.workDir('factory');
    const attempts = [
      { url: `http://alice:${TOKEN}@127.0.0.1:1/remote.git` },
      { url: `HTTP://${TOKEN}@127.0.0.1:1/remote.git` },
      { url: 'http://127.0.0.1:1/remote.git', credentials: { token: TOKEN } },
    ];
    for (const attempt of attempts) {
      const error = await StateRepository.create({
        branch: 'main',
        author,
        workDir,
        logger: mockServices.logger.mock(),
        ...attempt,
      }).catch(e => e);
      expect(error).toMatchObject({
        name: 'InputError',
        message: expect.stringContaining('clear text'),
      });
      expectNoLeak(
        [error.message, String(error.stack)],
        [...leakedForms('alice', TOKEN), 'alice'],
      );
    }
    // Refused before the clone is prepared.
    expect(existsSync(workDir)).toBe(false);
  });
});
