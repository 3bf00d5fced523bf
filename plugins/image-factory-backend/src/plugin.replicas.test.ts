import { TestDatabases } from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  openReplicaClients,
  STORE_DATABASE_IDS,
} from './database/__testUtils__/testStores';
import {
  OciRegistry,
  startOciRegistry,
} from './__testUtils__/startOciRegistry';
import {
  PluginBackend,
  startPluginBackend,
} from './__testUtils__/startPluginBackend';
import {
  githubComponent,
  githubIntegrationConfig,
  githubRepositories,
} from './__testUtils__/githubFleet';
import {
  LocalGithubApi,
  startLocalGithubApi,
} from './__testUtils__/localGithubApi';

jest.setTimeout(180_000);

const TOKEN = 'ghe-test-token';
const NAMES = ['a', 'b', 'c', 'd', 'e'];

// Two replicas of the whole plugin on one database (PostgreSQL where the CI
// scripts provide it, two connection pools) and one state repository, each
// with a working clone of its own. GitHub cannot run here: a local server
// speaking its documented REST endpoints stands in.
describe('imageFactoryPlugin as two replicas', () => {
  const databases = TestDatabases.create({ ids: STORE_DATABASE_IDS });
  let registry: OciRegistry;
  let github: LocalGithubApi;
  let dir: string;

  beforeAll(async () => {
    registry = await startOciRegistry();
  });
  afterAll(() => registry.stop());
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'image-factory-replicas-'));
    github = await startLocalGithubApi({
      token: TOKEN,
      returnsRunDetails: true,
      now: Date.now,
      repositories: githubRepositories(
        NAMES,
        `FROM ${registry.host}/library/node:22\n`,
      ),
    });
  });
  afterEach(async () => {
    await github.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const component = (name: string) =>
    githubComponent({ name, registryHost: registry.host, delay: '0' });

  const git = (...args: string[]) =>
    execFileSync('git', ['--git-dir', path.join(dir, 'state.git'), ...args], {
      encoding: 'utf8',
    });

  it.each(databases.eachSupportedId())(
    'dispatches each eligible image once however many refreshes both replicas get at once, on %s',
    async databaseId => {
      const { clients, close } = await openReplicaClients(
        databases,
        databaseId,
      );
      try {
        const replicas: PluginBackend[] = [];
        for (const [i, database] of clients.entries()) {
          replicas.push(
            await startPluginBackend({
              database,
              entities: NAMES.map(component),
              registryHost: registry.host,
              workDir: path.join(dir, `replica-${i}`),
              stateRepository: path.join(dir, 'state.git'),
              imageFactory: { defaults: { coordinationWindow: '0' } },
              config: githubIntegrationConfig(github, TOKEN),
            }),
          );
        }
        await registry.pushImage('library/node', '22', { content: 'one' });
        expect((await replicas[0].refresh()).run?.status).toBe('succeeded');
        const two = await registry.pushImage('library/node', '22', {
          content: 'two',
        });

        const outcomes = await Promise.all(
          Array.from({ length: 20 }, (_, i) => replicas[i % 2].refresh()),
        );

        expect(outcomes.map(o => o.status)).toEqual(Array(20).fill(202));
        expect(outcomes.map(o => o.run?.status)).toEqual(
          Array(20).fill('succeeded'),
        );
        // A burst is one running run and at most one queued behind it, per
        // moment: far fewer runs than requests.
        const runIds = new Set(outcomes.map(o => o.run!.id));
        expect(runIds.size).toBeLessThan(20);
        expect(github.runs.map(r => r.repository).sort()).toEqual(
          NAMES.map(name => `acme/${name}`),
        );
        // Linear history, and the new digest is in the state.
        const parents = git('log', '--format=%P', 'main')
          .trim()
          .split('\n')
          .map(line => line.split(' ').filter(Boolean).length);
        expect(parents.every(count => count <= 1)).toBe(true);
        expect(git('grep', '-l', two, 'main', '--', 'state/')).not.toBe('');
        for (const replica of replicas) {
          const health = await request(replica.server).get(
            '/api/image-factory/health',
          );
          expect(health.status).toBe(200);
          const images = await replica.get('/images');
          expect(
            images.body.items.map((i: any) => i.eligibility.state),
          ).toEqual(Array(5).fill('rebuilding'));
        }
      } finally {
        await close();
      }
    },
  );
});
