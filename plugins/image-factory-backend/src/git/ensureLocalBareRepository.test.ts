import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureLocalBareRepository } from './ensureLocalBareRepository';
import { GitFixture } from './__testUtils__/gitFixture';

// Real git processes; the machine may be busy.
jest.setTimeout(60_000);

describe('ensureLocalBareRepository', () => {
  let fixture: GitFixture;

  beforeEach(() => {
    fixture = new GitFixture();
  });

  afterEach(() => fixture.cleanup());

  it('creates a bare repository whose branch starts with one empty commit', async () => {
    const path = join(fixture.root, 'nested', 'state.git');

    expect(await ensureLocalBareRepository(path, 'gitops')).toEqual({
      created: true,
    });

    const git = (...args: string[]) =>
      fixture.git(['--git-dir', path, ...args]);
    expect(git('rev-parse', '--is-bare-repository')).toBe('true');
    expect(git('rev-list', 'gitops').split('\n')).toHaveLength(1);
    expect(git('ls-tree', '-r', 'gitops')).toBe('');
    expect(git('log', '-1', '--format=%an <%ae>', 'gitops')).toBe(
      'Image Factory <image-factory@backstage.local>',
    );
  });

  it('leaves an existing repository and its history alone', async () => {
    await ensureLocalBareRepository(fixture.remote, 'main');
    const clone = fixture.clone('other');
    const head = fixture.pushFrom(clone, { 'README.md': 'x' }, 'Work');

    expect(await ensureLocalBareRepository(fixture.remote, 'main')).toEqual({
      created: false,
    });
    expect(fixture.commits()[0]).toBe(head);
  });

  it('adds the branch to an existing repository that lacks it', async () => {
    fixture.git(['init', '--quiet', '--bare', fixture.remote]);

    expect(
      await ensureLocalBareRepository(fixture.remote, 'state', {
        name: 'Platform',
        email: 'platform@example.com',
      }),
    ).toEqual({ created: true });
    expect(fixture.show('%an <%ae>', 'state')).toBe(
      'Platform <platform@example.com>',
    );
  });

  it('refuses a folder that holds other files', async () => {
    const path = join(fixture.root, 'not-a-repo');
    mkdirSync(path);
    writeFileSync(join(path, 'notes.txt'), 'mine');

    await expect(ensureLocalBareRepository(path, 'main')).rejects.toMatchObject(
      {
        name: 'InputError',
      },
    );
  });
});
