import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { githubRepositories } from './__testUtils__/githubFleet';
import {
  createLocalGithubApp,
  LocalGithubApp,
} from './__testUtils__/localGithubApp';
import {
  LocalGithubApi,
  startLocalGithubApi,
} from './__testUtils__/localGithubApi';
import { ensureLocalBareRepository } from './git/ensureLocalBareRepository';
import { openStateRepository } from './git/openStateRepository';
import { GitFixture } from './git/__testUtils__/gitFixture';
import { startTlsProxy, TlsProxy } from './git/__testUtils__/startTlsProxy';
import { writeOnHead } from './git/__testUtils__/writeOnHead';
import { GithubRebuildTrigger } from './triggers/GithubRebuildTrigger';
import { RebuildTriggerRequest } from './triggers/types';
import { stateConfig } from './git/__testUtils__/stateConfig';

// Real git processes and RSA keys; the machine may be busy.
jest.setTimeout(60_000);

const APP_ID = 424242;
const INSTALLATION_ID = 31337;

// The app's key pair, as GitHub issues it: PKCS#1 PEM. A second pair stands
// for a private key that does not belong to the app.
function rsaKeyPair() {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
}
const appKey = rsaKeyPair();
const otherKey = rsaKeyPair();

type Logger = ReturnType<typeof mockServices.logger.mock>;

function everythingLogged(logger: Logger): string[] {
  return [logger.debug, logger.info, logger.warn, logger.error].flatMap(fn =>
    fn.mock.calls.map(call => JSON.stringify(call)),
  );
}

function everyFile(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => join(entry.parentPath, entry.name));
}

/** Every form in which an installation token could leak into a text. */
function leakedForms(token: string): string[] {
  const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
  return [token, encodeURIComponent(token), basic];
}

function expectNoToken(texts: string[], tokens: string[]) {
  expect(tokens.length).toBeGreaterThan(0);
  for (const text of texts) {
    for (const form of tokens.flatMap(leakedForms)) {
      expect(text).not.toContain(form);
    }
  }
}

function rebuildRequest(sourceLocation: string): RebuildTriggerRequest {
  return {
    entityRef: 'component:default/payments',
    sourceLocation,
    workflow: 'build.yml',
    baseImages: [{ ref: 'docker.io/library/node:22', digest: 'sha256:1' }],
    reason: 'docker.io/library/node:22 has a new digest',
    trigger: 'manual',
    requestedBy: 'user:default/alice',
    rebuildId: 'rb-1',
  };
}

describe('GitHub App credentials', () => {
  let fixture: GitFixture;
  let app: LocalGithubApp;
  let github: LocalGithubApi;
  let proxy: TlsProxy;
  /** The state repository as the stand-in stores it: a bare repository. */
  let bare: string;
  const caInfo = process.env.GIT_SSL_CAINFO;
  /** What the test started, closed after it, last started first. */
  const started: Array<() => Promise<void>> = [];

  /**
   * Starts the stand-in: GitHub's API (with the app's endpoints) on plain
   * HTTP at its `apiBaseUrl`, and its git hosting reached over HTTPS through
   * a TLS front, since the state repository sends credentials only over
   * HTTPS. Both are the integration's host `127.0.0.1:<TLS port>`.
   */
  async function startGithub(tokenLifetimeMs?: number) {
    app = createLocalGithubApp({
      appId: APP_ID,
      publicKey: appKey.publicKey,
      // Installed on selected repositories: the integration then also checks
      // that the token reaches the repository it is asked for.
      installations: [
        {
          id: INSTALLATION_ID,
          account: 'acme',
          repositories: ['state', 'payments'],
        },
      ],
      tokenLifetimeMs,
    });
    github = await startLocalGithubApi({
      app,
      git: { projectRoot: join(fixture.root, 'github'), env: fixture.env() },
      returnsRunDetails: true,
      now: Date.now,
      repositories: githubRepositories(['payments'], 'FROM node:22\n'),
    });
    started.push(github.close);
    proxy = await startTlsProxy(Number(new URL(github.url).port));
    started.push(proxy.close);
    process.env.GIT_SSL_CAINFO = proxy.caFile;
  }

  beforeEach(async () => {
    fixture = new GitFixture();
    bare = join(fixture.root, 'github', 'acme', 'state.git');
    await ensureLocalBareRepository(bare, 'main');
  });

  afterEach(async () => {
    if (caInfo === undefined) delete process.env.GIT_SSL_CAINFO;
    else process.env.GIT_SSL_CAINFO = caInfo;
    for (const close of started.splice(0).reverse()) {
      await close();
    }
    fixture.cleanup();
  });

  /** The root config: `integrations.github` with the app, and no token. */
  function rootConfig(privateKey: string) {
    return new ConfigReader({
      backend: { workingDirectory: join(fixture.root, 'work') },
      integrations: {
        github: [
          {
            host: new URL(proxy.url).host,
            apiBaseUrl: github.apiBaseUrl,
            apps: [
              {
                appId: APP_ID,
                privateKey,
                // Not used to get installation tokens; required by the config.
                clientId: 'Iv1.imagefactorytest',
                clientSecret: randomBytes(20).toString('hex'),
                webhookSecret: randomBytes(20).toString('hex'),
              },
            ],
          },
        ],
      },
    });
  }

  const stateUrl = () => `${proxy.url}/acme/state.git`;
  const sourceLocation = () => `url:${proxy.url}/acme/payments/tree/main/`;
  const gitRequests = () =>
    github.requests.filter(r => r.path.startsWith('/acme/state.git/'));
  /** The app's endpoints the integration called, in order. */
  const appCalls = () =>
    github.requests
      .filter(r => /^\/api\/v3\/(app|installation)\//.test(r.path))
      .map(r => `${r.method} ${r.path.replace('/api/v3', '')}`);
  const bareGit = (...args: string[]) =>
    fixture.git(['--git-dir', bare, ...args]);
  const basicOf = (token: string) =>
    `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;

  /** The state repository and the GitHub trigger as the plugin builds them, on one logger. */
  async function connectWith(privateKey: string) {
    const logger = mockServices.logger.mock();
    const config = rootConfig(privateKey);
    const repo = await openStateRepository({
      rootConfig: config,
      config: stateConfig(stateUrl()),
      logger,
    });
    const trigger = GithubRebuildTrigger.create({
      integrations: ScmIntegrations.fromConfig(config),
      logger,
    });
    return { logger, repo, trigger };
  }

  it('pushes the state with an installation token obtained with the app JWT, and keeps the token out of logs and files', async () => {
    await startGithub();
    const logger = mockServices.logger.mock();
    const repo = await openStateRepository({
      rootConfig: rootConfig(appKey.privateKey),
      config: stateConfig(stateUrl()),
      logger,
    });

    const first = await writeOnHead(repo, {
      files: new Map([['state/images/payments.yaml', 'name: payments\n']]),
      message: 'Through the GitHub App',
    });
    const second = await writeOnHead(repo, {
      files: new Map([['state/images/payments.yaml', 'name: payments-2\n']]),
      message: 'Through the GitHub App again',
    });

    // The stand-in's own copy holds both commits.
    expect(first.committed && second.committed).toBe(true);
    expect(bareGit('rev-list', 'main').split('\n').slice(0, 2)).toEqual([
      second.commit,
      first.commit,
    ]);
    expect(bareGit('show', 'main:state/images/payments.yaml')).toBe(
      'name: payments-2',
    );
    // The JWT verified (signature, iss, lifetime) before the token was made.
    expect(app.refused).toEqual([]);
    expect(app.acceptedJwts.length).toBeGreaterThan(0);
    for (const claims of app.acceptedJwts) {
      expect(claims.iss).toBe(APP_ID);
      expect(claims.exp - claims.iat).toBeLessThanOrEqual(600);
    }
    // One token, an hour long, for the four fetches and pushes: not one each.
    expect(appCalls()).toEqual([
      'GET /app/installations',
      `POST /app/installations/${INSTALLATION_ID}/access_tokens`,
      'GET /installation/repositories',
    ]);
    expect(app.issued).toHaveLength(1);
    const [{ token, installationId }] = app.issued;
    expect(installationId).toBe(INSTALLATION_ID);
    // Every git request, the pushes' included, carried it.
    const pushes = gitRequests().filter(r =>
      r.path.endsWith('/git-receive-pack'),
    );
    expect(pushes).toHaveLength(2);
    expect(new Set(gitRequests().map(r => r.headers.authorization))).toEqual(
      new Set([basicOf(token)]),
    );
    expectNoToken(
      [
        ...everythingLogged(logger),
        ...everyFile(join(fixture.root, 'work')).map(f =>
          readFileSync(f, 'latin1'),
        ),
        bareGit('log', '-p', '--format=%H %an %ae %s %b', 'main'),
      ],
      [token],
    );
  });

  it('replaces an installation token close to its expiry before the next fetch or push', async () => {
    // Backstage's integration renews a token 10 minutes before it expires: one
    // that lasts 10 minutes is renewed before each use.
    await startGithub(10 * 60 * 1000);
    const repo = await openStateRepository({
      rootConfig: rootConfig(appKey.privateKey),
      config: stateConfig(stateUrl()),
      logger: mockServices.logger.mock(),
    });

    const { head, files } = await repo.read();
    const afterRead = app.issued.length;
    await repo.write({
      files: new Map([['state/images/payments.yaml', 'name: payments\n']]),
      message: 'With a fresh token',
      parent: head,
      previous: files,
    });

    expect(afterRead).toBe(1);
    expect(app.issued).toHaveLength(2);
    const pushes = gitRequests().filter(r =>
      r.path.endsWith('/git-receive-pack'),
    );
    expect(pushes.map(r => r.headers.authorization)).toEqual([
      basicOf(app.issued[1].token),
    ]);
    expect(bareGit('show', 'main:state/images/payments.yaml')).toBe(
      'name: payments',
    );
  });

  it('dispatches a rebuild with an installation token, where a dispatch without one is refused', async () => {
    await startGithub();
    const logger = mockServices.logger.mock();
    // What ScmRebuildTrigger builds from the root config for GitHub hosts.
    const trigger = GithubRebuildTrigger.create({
      integrations: ScmIntegrations.fromConfig(rootConfig(appKey.privateKey)),
      logger,
    });

    const result = await trigger.trigger(rebuildRequest(sourceLocation()));

    expect(result).toMatchObject({ provider: 'github', ref: 'main' });
    expect(github.runs).toHaveLength(1);
    expect(github.runs[0]).toMatchObject({
      repository: 'acme/payments',
      workflow: 'build.yml',
      inputs: expect.objectContaining({ image_factory_rebuild_id: 'rb-1' }),
    });
    const dispatches = github.requests.filter(r =>
      r.path.endsWith('/actions/workflows/build.yml/dispatches'),
    );
    expect(app.issued).toHaveLength(1);
    expect(dispatches.map(r => r.headers.authorization)).toEqual([
      `token ${app.issued[0].token}`,
    ]);
    expect(app.refused).toEqual([]);
    expectNoToken(
      [...everythingLogged(logger), JSON.stringify(result)],
      [app.issued[0].token],
    );

    // The same dispatch without the token, or with one the app never made.
    const dispatchUrl = `${github.apiBaseUrl}/repos/acme/payments/actions/workflows/build.yml/dispatches`;
    for (const authorization of [undefined, `token ghs_${'x'.repeat(36)}`]) {
      const answer = await fetch(dispatchUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(authorization ? { authorization } : {}),
        },
        body: JSON.stringify({ ref: 'main' }),
      });
      expect(answer.status).toBe(401);
    }
    expect(github.runs).toHaveLength(1);
  });

  it('keeps the installation token out of the errors and logs of a refused push and a refused dispatch', async () => {
    await startGithub();
    // The stand-in's repository refuses every push, after git authenticated.
    const hook = join(bare, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "pushes are frozen" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    const { logger, repo, trigger } = await connectWith(appKey.privateKey);

    const pushError = await writeOnHead(repo, {
      files: new Map([['state/images/payments.yaml', 'name: payments\n']]),
      message: 'Refused',
    }).catch(e => e);
    const triggerError = await trigger
      .trigger({ ...rebuildRequest(sourceLocation()), workflow: 'gone.yml' })
      .catch(e => e);

    expect(pushError).toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(/Could not push .*pushes are frozen/s),
    });
    expect(triggerError).toMatchObject({ name: 'TriggerError', status: 404 });
    // Both were sent with a token, which neither error nor the logs repeat.
    const tokens = app.issued.map(t => t.token);
    const push = gitRequests().find(r => r.path.endsWith('/git-receive-pack'));
    expect(tokens.map(basicOf)).toContain(push?.headers.authorization);
    const dispatch = github.requests.find(r => r.path.endsWith('/dispatches'));
    expect(tokens.map(t => `token ${t}`)).toContain(
      dispatch?.headers.authorization,
    );
    expectNoToken(
      [
        ...[pushError, triggerError].flatMap(e => [
          e.message,
          String(e.stack),
          JSON.stringify(e),
        ]),
        ...everythingLogged(logger),
      ],
      tokens,
    );
  });

  it('refuses git requests to the state repository that lack an installation token', async () => {
    await startGithub();
    const repo = await openStateRepository({
      rootConfig: rootConfig(appKey.privateKey),
      config: stateConfig(stateUrl()),
      logger: mockServices.logger.mock(),
    });
    await repo.read();
    const [{ token }] = app.issued;
    // Not a synchronous child process: the stand-in answers from this one.
    const lsRemote = (authorization?: string) =>
      new Promise<{ code: number; stderr: string }>(resolve => {
        execFile(
          'git',
          [
            ...(authorization
              ? ['-c', `http.extraHeader=Authorization: ${authorization}`]
              : []),
            'ls-remote',
            stateUrl(),
          ],
          {
            env: {
              ...fixture.env(),
              GIT_SSL_CAINFO: proxy.caFile,
              GIT_TERMINAL_PROMPT: '0',
            },
            timeout: 30_000,
          },
          (error, _stdout, stderr) =>
            resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
        );
      });

    // The check is the token's: the same request with it is served.
    expect(await lsRemote(basicOf(token))).toEqual({ code: 0, stderr: '' });
    for (const authorization of [
      undefined,
      basicOf(`ghs_${'x'.repeat(36)}`),
      `Basic ${Buffer.from(`someone:${token}`).toString('base64')}`,
    ]) {
      const { code, stderr } = await lsRemote(authorization);
      expect(code).not.toBe(0);
      expect(stderr).toMatch(/Authentication failed|could not read Username/);
    }
    expect(
      github.requests
        .filter(r => r.path.startsWith('/acme/state.git/'))
        .slice(-3)
        .map(r => r.headers.authorization),
    ).toEqual([
      undefined,
      basicOf(`ghs_${'x'.repeat(36)}`),
      `Basic ${Buffer.from(`someone:${token}`).toString('base64')}`,
    ]);
  });

  it('gets no token with a private key that is not the app’s: the push and the dispatch fail clearly, and nothing is pushed or started', async () => {
    await startGithub();
    const before = bareGit('rev-parse', 'main');
    const { repo, trigger } = await connectWith(otherKey.privateKey);

    const pushError = await writeOnHead(repo, {
      files: new Map([['state/images/payments.yaml', 'name: payments\n']]),
      message: 'Never pushed',
    }).catch(e => e);
    const triggerError = await trigger
      .trigger(rebuildRequest(sourceLocation()))
      .catch(e => e);

    // The answer to the JWT, and for the push, whose credentials failed.
    expect(pushError).toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining(
        `Could not get a GitHub App installation token for the state repository ${stateUrl()}`,
      ),
    });
    // And for the dispatch: a refusal naming the repository, not Octokit's own.
    expect(triggerError).toMatchObject({
      name: 'TriggerError',
      provider: 'github',
      status: 401,
      outcomeUnknown: false,
      message: expect.stringContaining(
        `Could not get a GitHub App installation token for ${proxy.url}/acme/payments:`,
      ),
    });
    for (const error of [pushError, triggerError]) {
      expect(error.message).toMatch(
        /answered 401: .*JSON web token could not be decoded/,
      );
    }
    expect(app.refused.length).toBeGreaterThan(0);
    expect(new Set(app.refused.map(r => r.reason))).toEqual(
      new Set(["the JWT's signature does not verify"]),
    );
    expect(app.issued).toEqual([]);
    expect(bareGit('rev-parse', 'main')).toBe(before);
    expect(github.runs).toEqual([]);
    // Nothing was tried without credentials either.
    expect(gitRequests()).toEqual([]);
    expect(github.requests.filter(r => r.path.includes('/dispatches'))).toEqual(
      [],
    );
  });
});
