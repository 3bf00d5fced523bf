import { writeOnHead } from './__testUtils__/writeOnHead';
import { mockServices } from '@backstage/backend-test-utils';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureLocalBareRepository } from './ensureLocalBareRepository';
import {
  StateMovedError,
  StateRepository,
  StateRepositoryOptions,
} from './StateRepository';
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
    await writeOnHead(repo, {
      files: files({ 'state/images/a.yaml': 'a: 1\n' }),
      message: 'First',
    });
    const theirs = fixture.pushFrom(
      other,
      { 'README.md': 'docs\n', 'state/images/a.yaml': 'edited by hand\n' },
      'Edit from a stale clone',
    );

    const result = await writeOnHead(repo, {
      files: files({
        'state/images/a.yaml': 'a: 2\n',
        'state/images/b.yaml': 'b: 1\n',
      }),
      message: 'Second',
    });

    expect(result).toMatchObject({ committed: true });
    expect(fixture.show('%P')).toBe(theirs);
    expect(fixture.tree()).toEqual(
      files({
        'README.md': 'docs',
        'state/images/a.yaml': 'a: 2',
        'state/images/b.yaml': 'b: 1',
      }),
    );
  });

  it('refuses to write over a head it did not read, and pushes nothing', async () => {
    const repo = await open();
    const { head, files: read } = await repo.read();
    const theirs = fixture.pushFrom(
      other,
      { 'state/images/a.yaml': 'recorded by another replica\n' },
      'Another replica',
    );

    const error = await repo
      .write({
        files: files({ 'state/images/a.yaml': 'computed before it\n' }),
        message: 'Ours',
        parent: head,
        previous: read,
      })
      .catch(e => e);

    expect(error).toBeInstanceOf(StateMovedError);
    expect(error.message).toContain(`moved from ${head} to ${theirs}`);
    expect(fixture.commits()[0]).toBe(theirs);
    expect(fixture.tree().get('state/images/a.yaml')).toBe(
      'recorded by another replica',
    );
  });

  it('computes again from the new head each time a push loses a race, keeping what the other writer recorded', async () => {
    const repo = await open();
    await writeOnHead(repo, {
      files: files({ 'state/images/a.yaml': 'first\n' }),
      message: 'First',
    });
    const before = fixture.commits();
    // The other writer pushes during our first two pushes, each time adding a
    // line of its own to our file: our computation must build on it.
    fixture.loseRaces(other, 2, {
      'state/images/a.yaml': 'first\nrecorded by the other writer\n',
      'notes.md': 'kept\n',
    });
    const seen: Array<string | null> = [];

    const result = await repo.update(async snapshot => {
      seen.push(snapshot.head);
      return {
        files: files({
          'state/images/a.yaml': `${snapshot.files.get(
            'state/images/a.yaml',
          )}ours\n`,
          'manifests/kustomization.yaml': 'k\n',
        }),
        message: 'Ours',
        value: seen.length,
      };
    });

    expect(result).toEqual({
      committed: true,
      commit: fixture.commits()[0],
      attempts: 3,
      value: 3,
    });
    expect(new Set(seen).size).toBe(3);
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
        'state/images/a.yaml': 'first\nrecorded by the other writer\nours',
      }),
    );
  });

  it('makes no commit after a lost race when the other writer already wrote the same files', async () => {
    const repo = await open();
    fixture.loseRaces(other, 1, { 'state/images/a.yaml': 'a: 1\n' });
    const result = await repo.update(async () => ({
      files: files({ 'state/images/a.yaml': 'a: 1\n' }),
      message: 'Ours',
      value: undefined,
    }));

    expect(result).toEqual({ committed: false, attempts: 2, value: undefined });
    expect(fixture.show('%s')).toBe('other writer 1');
  });

  it('gives up with a conflict after the configured attempts when the branch keeps moving', async () => {
    const repo = await open({ maxAttempts: 3 });
    const before = fixture.commits();
    fixture.loseRaces(other, 100);

    await expect(
      repo.update(async () => ({
        files: files({ 'state/images/a.yaml': 'a\n' }),
        message: 'Ours',
        value: undefined,
      })),
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
      writeOnHead(repo, {
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
      writeOnHead(crashed, {
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
    const result = await writeOnHead(restarted, {
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

  it('serializes concurrent updates of one instance into separate commits', async () => {
    const repo = await open();
    const before = fixture.commits();
    const update = (line: string) =>
      repo.update(async snapshot => ({
        files: files({
          'state/images/a.yaml': `${
            snapshot.files.get('state/images/a.yaml') ?? ''
          }${line}\n`,
        }),
        message: line,
        value: undefined,
      }));

    const results = await Promise.all([update('one'), update('two')]);

    expect(results.every(r => r.committed)).toBe(true);
    expect(fixture.commits()).toHaveLength(before.length + 2);
    expect(fixture.tree().get('state/images/a.yaml')).toMatch(
      /^(one\ntwo|two\none)$/,
    );
  });
});
