import { TestDatabases } from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import {
  OciRegistry,
  startOciRegistry,
} from '../__testUtils__/startOciRegistry';
import { ensureLocalBareRepository } from '../git/ensureLocalBareRepository';
import { GitFixture } from '../git/__testUtils__/gitFixture';
import { fileComponent } from '../__testUtils__/catalogComponent';
import { startPluginBackend } from '../__testUtils__/startPluginBackend';

// Real git processes and a real registry; the machine may be busy.
jest.setTimeout(120_000);

// The other replica saw the new digest long before this one did.
const EARLIER = '2026-01-01T00:00:00.000Z';

// The whole plugin on a real bare git repository; while it pushes, another
// writer (a replica that saw the new digest first) lands a commit.
describe('Pipeline when another writer commits during its push', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let registry: OciRegistry;
  let fixture: GitFixture;

  beforeAll(async () => {
    registry = await startOciRegistry();
  });
  afterAll(() => registry.stop());
  beforeEach(async () => {
    fixture = new GitFixture();
    await ensureLocalBareRepository(fixture.remote, 'main');
  });
  afterEach(() => fixture.cleanup());

  const component = (name: string, dockerfile: string) =>
    fileComponent({
      folder: join(fixture.root, 'entities', name),
      name,
      dockerfile,
      annotations: {
        'image-factory.io/image': `${registry.host}/acme/${name}`,
      },
    });

  const git = (...args: string[]) =>
    execFileSync('git', ['--git-dir', fixture.remote, ...args], {
      env: fixture.env(),
      encoding: 'utf8',
    });

  it('merges again on the new head: what the other writer recorded stays, and firstSeen never moves later', async () => {
    await registry.pushImage('library/node', '22', { content: 'one' });
    const database = await databases.init('SQLITE_3');
    const api = await startPluginBackend({
      database,
      entities: [
        component('payments', `FROM ${registry.host}/library/node:22\n`),
      ],
      registryHost: registry.host,
      workDir: join(fixture.root, 'work'),
      stateRepository: fixture.remote,
    });
    expect((await api.refresh()).run?.status).toBe('succeeded');
    const file = git('ls-tree', '-r', '--name-only', 'main')
      .split('\n')
      .find(name => name.startsWith('state/base-images/'))!;
    const two = await registry.pushImage('library/node', '22', {
      content: 'two',
    });
    // What the other replica recorded, in the database the replicas share and
    // in its commit: the new digest, seen long ago.
    await database('freight').insert({
      registry: registry.host,
      repository: 'library/node',
      tag: '22',
      digest: two,
      platform_digests: '{}',
      first_seen: EARLIER,
      source: 'registry',
    });
    const theirs = parse(git('show', `main:${file}`));
    theirs.updates.push({ digest: two, firstSeen: EARLIER });
    theirs.currentDigest = two;
    theirs.lastUpdated = EARLIER;
    const before = git('rev-parse', 'main').trim();
    fixture.loseRaces(fixture.clone('other'), 1, { [file]: stringify(theirs) });

    const second = await api.refresh();

    expect(second.run?.status).toBe('succeeded');
    expect(second.body.errors).toEqual([]);
    // The hook saw the push that lost and the one that landed.
    expect(fixture.racesSeen()).toBe(2);
    const ours = parse(git('show', `main:${file}`));
    expect(ours.updates).toContainEqual(
      expect.objectContaining({ digest: two, firstSeen: EARLIER }),
    );
    expect(ours.updates.filter((u: any) => u.digest === two)).toHaveLength(1);
    // Linear history: ours on top of theirs, on top of what we had.
    const [head, parent] = git('log', '--format=%H %P', '-1', 'main')
      .trim()
      .split(' ');
    expect(head).toBe(second.body.commit ?? parent);
    expect(git('log', '--format=%s', '-1', parent).trim()).toBe(
      'other writer 1',
    );
    expect(git('rev-parse', `${parent}^`).trim()).toBe(before);
  });
});
