import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  openReplicaClients,
  STORE_DATABASE_IDS,
} from './database/__testUtils__/testStores';
import { LocalGithubApi } from './__testUtils__/localGithubApi';
import { pluginTestBed } from './__testUtils__/pluginTestBed';
import { PluginBackend } from './__testUtils__/startPluginBackend';

const NAMES = ['a', 'b', 'c', 'd', 'e'];

// Two replicas of the whole plugin on one database (PostgreSQL where the CI
// scripts provide it, two connection pools) and one state repository, each
// with a working clone of its own. GitHub cannot run here: a local server
// speaking its documented REST endpoints stands in.
describe('imageFactoryPlugin as two replicas', () => {
  const databases = TestDatabases.create({ ids: STORE_DATABASE_IDS });
  const bed = pluginTestBed({ timeoutMs: 180_000 });
  let github: LocalGithubApi;
  beforeEach(async () => {
    github = await bed.useGithub({ repositories: NAMES });
  });

  const component = (name: string) => bed.githubComponent({ name, delay: '0' });

  const git = bed.git;

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
            await bed.start({
              database,
              entities: NAMES.map(component),
              work: `replica-${i}`,
              imageFactory: { defaults: { coordinationWindow: '0' } },
            }),
          );
        }
        await bed
          .registry()
          .pushImage('library/node', '22', { content: 'one' });
        expect((await replicas[0].refresh()).run?.status).toBe('succeeded');
        const two = await bed.registry().pushImage('library/node', '22', {
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
