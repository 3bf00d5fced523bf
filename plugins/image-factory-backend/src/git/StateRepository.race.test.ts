import { mockServices } from '@backstage/backend-test-utils';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureLocalBareRepository } from './ensureLocalBareRepository';
import { StateRepository, StateRepositoryOptions } from './StateRepository';
import { GitFixture } from './__testUtils__/gitFixture';

// Real git processes; the machine may be busy.
jest.setTimeout(60_000);

const author = { name: 'Image Factory', email: 'factory@example.com' };
const files = (entries: Record<string, string>) =>
  new Map(Object.entries(entries));

describe('StateRepository with other writers', () => {
  let fixture: GitFixture;
  let other: string;

  beforeEach(async () => {
    fixture = new GitFixture();
    await ensureLocalBareRepository(fixture.remote, 'main');
    other = fixture.clone('other');
  });

  afterEach(() => fixture.cleanup());

  function open(
    options: Partial<StateRepositoryOptions> = {},
  ): Promise<StateRepository> {
    return StateRepository.create({
      url: `file://${fixture.remote}`,
      branch: 'main',
      author,
      workDir: fixture.workDir('factory'),
      logger: mockServices.logger.mock(),
      retryDelayMs: 1,
      ...options,
    });
  }

  it('writes on top of a commit another writer pushed since its last write', async () => {
    const repo = await open();
    await repo.write({
      files: files({ 'state/images/a.yaml': 'a: 1\n' }),
      message: 'First',
    });
    const theirs = fixture.pushFrom(
      other,
      { 'README.md': 'docs\n', 'state/images/a.yaml': 'edited by hand\n' },
      'Edit from a stale clone',
    );

    const result = await repo.write({
      files: files({
        'state/images/a.yaml': 'a: 2\n',
        'state/images/b.yaml': 'b: 1\n',
      }),
      message: 'Second',
    });

    expect(result).toMatchObject({ committed: true, attempts: 1 });
    expect(fixture.show('%P')).toBe(theirs);
    expect(fixture.tree()).toEqual(
      files({
        'README.md': 'docs',
        'state/images/a.yaml': 'a: 2',
        'state/images/b.yaml': 'b: 1',
      }),
    );
  });

  it('re-applies its files on the new head when a push loses a race, keeping the other commits', async () => {
    const repo = await open();
    await repo.write({
      files: files({ 'state/images/a.yaml': 'a: 1\n' }),
      message: 'First',
    });
    const before = fixture.commits();
    // The other writer pushes during our first two pushes; its change to our own
    // file must lose to what we computed, its other files must survive.
    fixture.loseRaces(other, 2, {
      'state/images/a.yaml': 'written by the other writer\n',
      'notes.md': 'kept\n',
    });

    const result = await repo.write({
      files: files({
        'state/images/a.yaml': 'a: 2\n',
        'manifests/kustomization.yaml': 'k\n',
      }),
      message: 'Ours',
    });

    expect(result).toEqual({
      committed: true,
      commit: fixture.commits()[0],
      attempts: 3,
    });
    expect(fixture.racesSeen()).toBe(3);
    const commits = fixture.commits();
    expect(commits.slice(3)).toEqual(before);
    expect(
      commits.slice(0, 3).map(commit => fixture.show('%s', commit)),
    ).toEqual(['Ours', 'other writer 2', 'other writer 1']);
    expect(fixture.tree()).toEqual(
      files({
        'manifests/kustomization.yaml': 'k',
        'notes.md': 'kept',
        'other/race-1.txt': 'race 1',
        'other/race-2.txt': 'race 2',
        'state/images/a.yaml': 'a: 2',
      }),
    );
  });

  it('makes no commit after a lost race when the other writer already wrote the same files', async () => {
    const repo = await open();
    fixture.loseRaces(other, 1, { 'state/images/a.yaml': 'a: 1\n' });
    // The racing commit carries our files plus other/race-1.txt, so re-applying
    // ours on it changes nothing.
    const result = await repo.write({
      files: files({ 'state/images/a.yaml': 'a: 1\n' }),
      message: 'Ours',
    });

    expect(result).toEqual({ committed: false, attempts: 2 });
    expect(fixture.show('%s')).toBe('other writer 1');
  });

  it('gives up with a conflict after the configured attempts when the branch keeps moving', async () => {
    const repo = await open({ maxAttempts: 3 });
    const before = fixture.commits();
    fixture.loseRaces(other, 100);

    await expect(
      repo.write({
        files: files({ 'state/images/a.yaml': 'a\n' }),
        message: 'Ours',
      }),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('3 attempts'),
    });
    expect(fixture.racesSeen()).toBe(3);
    const commits = fixture.commits();
    expect(commits).toHaveLength(before.length + 3);
    expect(commits.map(c => fixture.show('%s', c))).not.toContain('Ours');
  });

  it('reports a refused push that did not lose a race, with git’s reason', async () => {
    const repo = await open();
    fixture.refusePushes('branch is frozen');

    await expect(
      repo.write({
        files: files({ 'state/images/a.yaml': 'a\n' }),
        message: 'Ours',
      }),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining('branch is frozen'),
    });
  });

  it('repairs a write interrupted after its commit and before its push', async () => {
    const workDir = fixture.workDir('factory');
    const crashed = await open();
    fixture.refusePushes('connection lost');
    await expect(
      crashed.write({
        files: files({ 'state/images/a.yaml': 'half done\n' }),
        message: 'Interrupted',
      }),
    ).rejects.toThrow();
    // Leftovers of a killed process: lock files in the working clone.
    const gitDir = join(workDir, 'repository.git');
    writeFileSync(join(gitDir, 'refs', 'image-factory', 'pending.lock'), '');
    writeFileSync(join(gitDir, 'refs', 'image-factory', 'remote.lock'), '');
    writeFileSync(join(gitDir, 'packed-refs.lock'), '');
    fixture.removeHook();
    const theirs = fixture.pushFrom(other, { 'README.md': 'x\n' }, 'Meanwhile');
    const before = fixture.commits();

    const restarted = await open();
    const result = await restarted.write({
      files: files({ 'state/images/a.yaml': 'done\n' }),
      message: 'Retried',
    });

    expect(result.committed).toBe(true);
    expect(fixture.commits()).toEqual([result.commit, ...before]);
    expect(fixture.show('%P')).toBe(theirs);
    expect(fixture.tree()).toEqual(
      files({ 'README.md': 'x', 'state/images/a.yaml': 'done' }),
    );
  });

  it('serializes concurrent writes of one instance into separate commits', async () => {
    const repo = await open();
    const before = fixture.commits();

    const results = await Promise.all([
      repo.write({
        files: files({ 'state/images/a.yaml': '1\n' }),
        message: 'One',
      }),
      repo.write({
        files: files({ 'state/images/a.yaml': '2\n' }),
        message: 'Two',
      }),
    ]);

    expect(results.map(r => r.attempts)).toEqual([1, 1]);
    expect(fixture.commits()).toHaveLength(before.length + 2);
    expect(fixture.tree()).toEqual(files({ 'state/images/a.yaml': '2' }));
  });
});
