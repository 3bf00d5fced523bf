import { TestDatabases } from '@backstage/backend-test-utils';
import { parse, stringify } from 'yaml';
import { pluginTestBed } from '../__testUtils__/pluginTestBed';

// The other replica saw the new digest long before this one did.
const EARLIER = '2026-01-01T00:00:00.000Z';

// The whole plugin on a real bare git repository; while it pushes, another
// writer (a replica that saw the new digest first) lands a commit.
describe('Pipeline when another writer commits during its push', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const bed = pluginTestBed({
    createStateRepository: true,
    timeoutMs: 120_000,
  });

  const component = (name: string, dockerfile: string) =>
    bed.fileComponent({
      name,
      dockerfile,
      annotations: {
        'image-factory.io/image': `${bed.registry().host}/acme/${name}`,
      },
    });

  const git = bed.git;

  it('merges again on the new head: what the other writer recorded stays, and firstSeen never moves later', async () => {
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    const database = await databases.init('SQLITE_3');
    const api = await bed.start({
      database,
      entities: [
        component('payments', `FROM ${bed.registry().host}/library/node:22\n`),
      ],
    });
    expect((await api.refresh()).run?.status).toBe('succeeded');
    const file = git('ls-tree', '-r', '--name-only', 'main')
      .split('\n')
      .find(name => name.startsWith('state/base-images/'))!;
    const two = await bed.registry().pushImage('library/node', '22', {
      content: 'two',
    });
    // What the other replica recorded, in the database the replicas share and
    // in its commit: the new digest, seen long ago.
    await database('freight').insert({
      registry: bed.registry().host,
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
    bed.fixture().loseRaces(bed.fixture().clone('other'), 1, {
      [file]: stringify(theirs),
    });

    const second = await api.refresh();

    expect(second.run?.status).toBe('succeeded');
    expect(second.body.errors).toEqual([]);
    // The hook saw the push that lost and the one that landed.
    expect(bed.fixture().racesSeen()).toBe(2);
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
