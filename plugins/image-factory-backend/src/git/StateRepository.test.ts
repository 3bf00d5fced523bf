import { readFiles, writeOnHead } from './__testUtils__/writeOnHead';
import { mockServices } from '@backstage/backend-test-utils';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureLocalBareRepository } from './ensureLocalBareRepository';
import { StateRepository, StateRepositoryOptions } from './StateRepository';
import { GitFixture } from './__testUtils__/gitFixture';

// Real git processes; the machine may be busy.
jest.setTimeout(60_000);

const author = { name: 'Image Factory', email: 'factory@example.com' };

describe('StateRepository', () => {
  let fixture: GitFixture;

  beforeEach(async () => {
    fixture = new GitFixture();
    await ensureLocalBareRepository(fixture.remote, 'main');
  });

  afterEach(() => fixture.cleanup());

  function open(
    name = 'factory',
    options: Partial<StateRepositoryOptions> = {},
  ): Promise<StateRepository> {
    return StateRepository.create({
      url: fixture.remote,
      branch: 'main',
      author,
      workDir: fixture.workDir(name),
      logger: mockServices.logger.mock(),
      retryDelayMs: 1,
      ...options,
    });
  }

  const files = (entries: Record<string, string>) =>
    new Map(Object.entries(entries));

  it('writes the desired files in one commit with the configured author and message', async () => {
    const repo = await open();
    const before = fixture.commits();
    expect(await readFiles(repo)).toEqual(new Map());

    const result = await writeOnHead(repo, {
      files: files({
        'state/images/payments.yaml': 'image: payments\n',
        'state/base-images/node-22.yaml': 'ref: node:22\n',
        'manifests/kustomization.yaml': 'resources: []\n',
      }),
      message: 'Update image state',
    });

    expect(result).toEqual({
      committed: true,
      commit: fixture.commits()[0],
    });
    expect(fixture.commits()).toEqual([result.commit, ...before]);
    expect(fixture.tree()).toEqual(
      files({
        'manifests/kustomization.yaml': 'resources: []',
        'state/base-images/node-22.yaml': 'ref: node:22',
        'state/images/payments.yaml': 'image: payments',
      }),
    );
    expect(fixture.show('%an <%ae>|%cn <%ce>|%s')).toBe(
      'Image Factory <factory@example.com>|Image Factory <factory@example.com>|Update image state',
    );
  });

  it('reads back exactly what it wrote, byte for byte', async () => {
    const repo = await open();
    const desired = files({
      'state/images/a.yaml': '# generated\nname: a\n\n',
      'state/_archive/images/old.yaml': 'name: old\nhistory: [1, 2]\n',
      'manifests/warehouses/a.yaml': 'kind: Warehouse\r\nname: ünïcode\n',
    });
    await writeOnHead(repo, { files: desired, message: 'Write' });

    const reader = await open('reader');
    expect(await readFiles(reader)).toEqual(desired);
  });

  it('makes no commit when the same files are written again', async () => {
    const repo = await open();
    const desired = files({ 'state/images/a.yaml': 'a: 1\n' });
    await writeOnHead(repo, { files: desired, message: 'First' });
    const head = fixture.commits();

    const again = await writeOnHead(repo, {
      files: desired,
      message: 'Second',
    });

    expect(again).toEqual({ committed: false });
    expect(fixture.commits()).toEqual(head);
  });

  it('makes no commit when the branch is empty and no files are desired', async () => {
    const repo = await open();
    const before = fixture.commits();

    const result = await writeOnHead(repo, {
      files: new Map(),
      message: 'Nothing',
    });

    expect(result.committed).toBe(false);
    expect(fixture.commits()).toEqual(before);
  });

  it('deletes files that are no longer desired and changes the ones that differ, in one commit', async () => {
    const repo = await open();
    await writeOnHead(repo, {
      files: files({
        'state/images/a.yaml': 'a: 1\n',
        'state/images/b.yaml': 'b: 1\n',
        'manifests/warehouses/b.yaml': 'b\n',
        'manifests/kustomization.yaml': 'k: [a, b]\n',
      }),
      message: 'First',
    });
    const before = fixture.commits();

    await writeOnHead(repo, {
      files: files({
        'state/images/a.yaml': 'a: 2\n',
        'state/_archive/images/b.yaml': 'b: 1\n',
        'manifests/kustomization.yaml': 'k: [a]\n',
      }),
      message: 'Archive b',
    });

    expect(fixture.commits()).toHaveLength(before.length + 1);
    expect(fixture.tree()).toEqual(
      files({
        'manifests/kustomization.yaml': 'k: [a]',
        'state/_archive/images/b.yaml': 'b: 1',
        'state/images/a.yaml': 'a: 2',
      }),
    );
  });

  it('never touches files outside state/ and manifests/', async () => {
    const other = fixture.clone('other');
    fixture.pushFrom(
      other,
      {
        'README.md': 'Reviewed by the platform team\n',
        'state-notes/keep.txt': 'a folder whose name starts like ours\n',
        'docs/state/keep.yaml': 'a nested folder named state\n',
        'state.yaml': 'a file named like our folder\n',
      },
      'Human changes',
    );
    const repo = await open();
    await writeOnHead(repo, {
      files: files({ 'state/images/a.yaml': 'a\n' }),
      message: 'Write',
    });

    await writeOnHead(repo, { files: new Map(), message: 'Remove everything' });

    expect(fixture.tree()).toEqual(
      files({
        'README.md': 'Reviewed by the platform team',
        'docs/state/keep.yaml': 'a nested folder named state',
        'state-notes/keep.txt': 'a folder whose name starts like ours',
        'state.yaml': 'a file named like our folder',
      }),
    );
  });

  it('removes a symlink another writer put below state/, which is no state file', async () => {
    const other = fixture.clone('other');
    fixture.pushFrom(
      other,
      { 'state/images/a.yaml': 'a: 1\n', 'README.md': 'kept\n' },
      'Human changes',
    );
    symlinkSync('../../README.md', join(other, 'state/images/link.yaml'));
    fixture.pushFrom(other, {}, 'A symlink');
    const repo = await open();
    expect(await readFiles(repo)).toEqual(
      files({ 'state/images/a.yaml': 'a: 1\n' }),
    );

    const result = await writeOnHead(repo, {
      files: files({ 'state/images/a.yaml': 'a: 1\n' }),
      message: 'Write',
    });

    expect(result.committed).toBe(true);
    expect(fixture.tree()).toEqual(
      files({ 'README.md': 'kept', 'state/images/a.yaml': 'a: 1' }),
    );
  });

  it('commits only what changed, on the head it read, through update', async () => {
    const repo = await open();
    await writeOnHead(repo, {
      files: files({
        'state/images/a.yaml': 'a: 1\n',
        'state/images/b.yaml': 'b: 1\n',
        'manifests/kustomization.yaml': 'k: [a, b]\n',
      }),
      message: 'First',
    });

    const result = await repo.update(async snapshot => ({
      files: new Map([
        ...[...snapshot.files].filter(
          ([path]) => path !== 'state/images/b.yaml',
        ),
        ['state/images/a.yaml', 'a: 2\n'],
        ['state/images/c.yaml', 'c: 1\n'],
      ]),
      message: 'Second',
      value: undefined,
    }));

    expect(result.committed).toBe(true);
    expect(
      fixture.git([
        '--git-dir',
        fixture.remote,
        'show',
        '--name-status',
        '--format=',
        'main',
      ]),
    ).toBe(
      [
        'M\tstate/images/a.yaml',
        'D\tstate/images/b.yaml',
        'A\tstate/images/c.yaml',
      ].join('\n'),
    );
    expect(fixture.tree()).toEqual(
      files({
        'manifests/kustomization.yaml': 'k: [a, b]',
        'state/images/a.yaml': 'a: 2',
        'state/images/c.yaml': 'c: 1',
      }),
    );
  });

  it('keeps its files below the base path and reads them relative to it', async () => {
    const other = fixture.clone('other');
    fixture.pushFrom(
      other,
      {
        'state/images/root.yaml': 'another tool at the root\n',
        'gitops/factory/README.md': 'next to our folders\n',
      },
      'Human changes',
    );
    const repo = await open('factory', { basePath: '/gitops/factory/' });

    await writeOnHead(repo, {
      files: files({
        'state/images/a.yaml': 'a\n',
        'manifests/kustomization.yaml': 'k\n',
      }),
      message: 'Write',
    });

    expect(fixture.tree()).toEqual(
      files({
        'gitops/factory/README.md': 'next to our folders',
        'gitops/factory/manifests/kustomization.yaml': 'k',
        'gitops/factory/state/images/a.yaml': 'a',
        'state/images/root.yaml': 'another tool at the root',
      }),
    );
    expect(await readFiles(repo)).toEqual(
      files({
        'manifests/kustomization.yaml': 'k\n',
        'state/images/a.yaml': 'a\n',
      }),
    );
  });

  it('rejects files outside state/ and manifests/ without writing anything', async () => {
    const repo = await open();
    const before = fixture.commits();

    for (const path of [
      'README.md',
      'state',
      'state/../README.md',
      'manifests//a.yaml',
      '/state/a.yaml',
      'state/a\nb.yaml',
    ]) {
      await expect(
        writeOnHead(repo, { files: files({ [path]: 'x' }), message: 'Bad' }),
      ).rejects.toMatchObject({ name: 'InputError' });
    }
    await expect(
      writeOnHead(repo, {
        files: files({ 'state/a': 'x', 'state/a/b.yaml': 'y' }),
        message: 'Clash',
      }),
    ).rejects.toMatchObject({ name: 'InputError' });
    expect(fixture.commits()).toEqual(before);
  });

  it('creates the branch when the remote repository has none', async () => {
    fixture.cleanup();
    fixture = new GitFixture();
    fixture.git(['init', '--quiet', '--bare', fixture.remote]);
    const repo = await open('factory', { branch: 'state' });

    expect(await readFiles(repo)).toEqual(new Map());
    const result = await writeOnHead(repo, {
      files: files({ 'state/images/a.yaml': 'a\n' }),
      message: 'First state',
    });

    expect(result.committed).toBe(true);
    expect(fixture.commits('state')).toEqual([result.commit]);
    expect(fixture.tree('state')).toEqual(
      files({ 'state/images/a.yaml': 'a' }),
    );

    // The branch is deleted on the remote: the next write starts it afresh.
    fixture.git([
      '--git-dir',
      fixture.remote,
      'update-ref',
      '-d',
      'refs/heads/state',
    ]);
    const again = await writeOnHead(repo, {
      files: files({ 'state/images/b.yaml': 'b\n' }),
      message: 'Second state',
    });
    expect(fixture.commits('state')).toEqual([again.commit]);
    expect(fixture.tree('state')).toEqual(
      files({ 'state/images/b.yaml': 'b' }),
    );
  });

  it('ignores the git configuration and variables of the machine it runs on', async () => {
    const saved = { ...process.env };
    const home = join(fixture.root, 'developer-home');
    fixture.git(['init', '--quiet', home]);
    // A developer's configuration that would send every fetch and push elsewhere,
    // and run a failing hook, if it were read.
    const config = join(home, '.gitconfig');
    const hooks = join(home, 'hooks');
    fixture.git([
      'config',
      '--file',
      config,
      `url./nonexistent/.insteadOf`,
      fixture.remote,
    ]);
    fixture.git(['config', '--file', config, 'core.hooksPath', hooks]);
    mkdirSync(hooks);
    writeFileSync(join(hooks, 'pre-push'), '#!/bin/sh\nexit 1\n', {
      mode: 0o755,
    });
    Object.assign(process.env, {
      HOME: home,
      XDG_CONFIG_HOME: home,
      GIT_DIR: join(home, '.git'),
      GIT_AUTHOR_NAME: 'Intruder',
      GIT_CONFIG_PARAMETERS: `'user.name'='Intruder' 'url./nonexistent/.insteadof'='${fixture.remote}'`,
    });
    try {
      const repo = await open();
      await writeOnHead(repo, {
        files: files({ 'state/images/a.yaml': 'a\n' }),
        message: 'Write',
      });
    } finally {
      process.env = saved;
    }

    expect(fixture.tree()).toEqual(files({ 'state/images/a.yaml': 'a' }));
    expect(fixture.show('%an <%ae>|%cn <%ce>')).toBe(
      'Image Factory <factory@example.com>|Image Factory <factory@example.com>',
    );
    expect(existsSync(join(home, '.git', 'refs', 'image-factory'))).toBe(false);
  });
});
