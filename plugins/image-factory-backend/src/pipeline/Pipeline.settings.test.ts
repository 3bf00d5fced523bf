import { Entity } from '@backstage/catalog-model';
import { execFile } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pluginTestBed } from '../__testUtils__/pluginTestBed';

const SETTINGS = 'state/_settings.yaml';
// The image-factory command line of packages/cli, run from its sources as
// `yarn image-factory` does: a process, so nothing of it is imported here.
const CLI_ENTRY = resolve(__dirname, '../../../../packages/cli/src/index.ts');

// The whole plugin on a real bare git repository, then `image-factory synth` on
// the `state/` folder it committed: the repository alone gives its manifests.
describe('Pipeline settings file', () => {
  const bed = pluginTestBed({
    createStateRepository: true,
    timeoutMs: 180_000,
  });

  const component = (name: string, dockerfile: string) =>
    bed.fileComponent({
      name,
      dockerfile,
      annotations: {
        'image-factory.io/image': `${bed.registry().host}/acme/${name}`,
      },
    });

  async function start(
    entities: Entity[],
    work: string,
    minInterval: string,
    namespace = 'kargo-images',
  ) {
    const api = await bed.start({
      entities,
      work,
      imageFactory: {
        registries: [
          { host: bed.registry().host, insecure: true, minInterval },
        ],
        kargo: { namespace },
      },
    });
    return api.refresh;
  }

  const git = bed.git;

  /** Every file at a commit of the remote, byte for byte. */
  function committedFiles(commit = 'main'): Map<string, Buffer> {
    const paths = git('ls-tree', '-r', '--name-only', '-z', commit)
      .split('\0')
      .filter(Boolean);
    return new Map(paths.map(path => [path, bed.stateBytes(path, commit)]));
  }

  /** Every file below `root`, byte for byte, by path relative to it. */
  function filesIn(root: string): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    for (const entry of readdirSync(root, {
      recursive: true,
      withFileTypes: true,
    })) {
      if (entry.isFile()) {
        const path = join(entry.parentPath, entry.name);
        files.set(
          relative(root, path).split('\\').join('/'),
          readFileSync(path),
        );
      }
    }
    return files;
  }

  const below = (files: Map<string, Buffer>, folder: string) =>
    new Map([...files].filter(([path]) => path.startsWith(`${folder}/`)));

  /** Files as text, for readable failures; bytes are compared apart. */
  const asText = (files: Map<string, Buffer>) =>
    Object.fromEntries([...files].map(([p, b]) => [p, b.toString('latin1')]));

  /**
   * Runs `image-factory synth --state-dir` on a fresh folder holding only the
   * committed `state/`, and returns the `manifests/` it wrote.
   */
  async function synthFrom(files: Map<string, Buffer>) {
    const dir = mkdtempSync(join(tmpdir(), 'image-factory-synth-'));
    try {
      for (const [path, content] of below(files, 'state')) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      const transform = require.resolve(
        '@backstage/cli/config/nodeTransform.cjs',
      );
      const run = await new Promise<{ code: number; stderr: string }>(done => {
        execFile(
          process.execPath,
          ['--require', transform, CLI_ENTRY, 'synth', '--state-dir', dir],
          { env: { ...process.env, INIT_CWD: undefined } },
          (error, _stdout, stderr) =>
            done({ code: error ? Number(error.code) : 0, stderr }),
        );
      });
      return { ...run, manifests: below(filesIn(dir), 'manifests') };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  function expectSameBytes(
    actual: Map<string, Buffer>,
    expected: Map<string, Buffer>,
  ) {
    expect(asText(actual)).toEqual(asText(expected));
    for (const [path, content] of expected) {
      expect([path, actual.get(path)?.equals(content)]).toEqual([path, true]);
    }
  }

  it('commits the settings from the config, and synth on state/ reproduces the committed manifests byte for byte', async () => {
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    const entities = [
      component('payments', `FROM ${bed.registry().host}/library/node:22\n`),
    ];
    const refresh = await start(entities, 'work', '1s');

    const first = await refresh();
    expect(first.body).toMatchObject({ errors: [] });
    expect(first.body.commit).toMatch(/^[0-9a-f]{40}$/);

    const committed = committedFiles();
    const settings = committed.get(SETTINGS)?.toString('utf8');
    expect(settings).toContain('  namespace: kargo-images\n');
    expect(settings).toContain(`    ${bed.registry().host}: 1s\n`);
    const manifests = below(committed, 'manifests');
    const warehouses = [...manifests]
      .filter(([path]) => path.startsWith('manifests/warehouses/'))
      .map(([, content]) => content.toString('utf8'));
    expect(warehouses).toHaveLength(2);
    for (const warehouse of warehouses) {
      expect(warehouse).toContain('  interval: 1s\n');
      expect(warehouse).toContain('  namespace: kargo-images\n');
    }

    const synth = await synthFrom(committed);
    expect(synth.code).toBe(0);
    expectSameBytes(synth.manifests, manifests);

    // A config change moves the settings file and the manifests in one commit.
    const changed = await start(entities, 'work-2', '2m', 'kargo-other');
    const second = await changed();
    expect(second.body).toMatchObject({ errors: [] });
    expect(second.body.commit).toMatch(/^[0-9a-f]{40}$/);
    const touched = git(
      'diff-tree',
      '--no-commit-id',
      '--name-only',
      '-r',
      second.body.commit,
    )
      .split('\n')
      .filter(Boolean);
    expect(touched).toEqual([
      ...[...manifests.keys()].filter(path =>
        path.startsWith('manifests/warehouses/'),
      ),
      SETTINGS,
    ]);
    const next = committedFiles();
    expect(next.get(SETTINGS)?.toString('utf8')).toContain(
      `    ${bed.registry().host}: 2m\n`,
    );
    const again = await synthFrom(next);
    expect(again.code).toBe(0);
    expectSameBytes(again.manifests, below(next, 'manifests'));

    // The same config again: nothing to commit.
    expect((await changed()).body).toMatchObject({ commit: null, errors: [] });
  });

  it('keeps an invalid settings file and the manifests as they are, reports it by path, and commits the state', async () => {
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    await bed.registry().pushImage('library/nginx', '1.27', { content: 'one' });
    const payments = component(
      'payments',
      `FROM ${bed.registry().host}/library/node:22\n`,
    );
    const refresh = await start([payments], 'work', '1s');
    expect((await refresh()).body).toMatchObject({ errors: [] });

    const before = committedFiles();
    const hostile = before
      .get(SETTINGS)!
      .toString('utf8')
      .replace(
        `${bed.registry().host}: 1s`,
        `${bed.registry().host}: every second`,
      );
    bed.pushAsOtherWriter('other', { [SETTINGS]: hostile }, 'A hand edit');

    // A second image: its state is committed, its Warehouse waits for the fix.
    const withWeb = await start(
      [
        payments,
        component('web', `FROM ${bed.registry().host}/library/nginx:1.27\n`),
      ],
      'work-2',
      '1s',
    );
    const second = await withWeb();

    expect(second.run?.status).toBe('succeeded');
    expect(second.body.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(second.body.errors).toEqual([
      expect.stringMatching(
        /^state\/_settings\.yaml: field warehouses\.registryIntervals\..+: "every second" is not a duration/,
      ),
      `${SETTINGS} is invalid, so manifests/ is kept as it is: fix or delete the file, and the next run writes it again from the configuration with the manifests`,
    ]);
    const after = committedFiles();
    expect(after.get(SETTINGS)?.equals(Buffer.from(hostile, 'utf8'))).toBe(
      true,
    );
    expectSameBytes(below(after, 'manifests'), below(before, 'manifests'));
    expect(after.has('state/images/web.yaml')).toBe(true);

    // Synth refuses it too, rather than rendering the defaults.
    const synth = await synthFrom(after);
    expect(synth.code).toBe(1);
    expect(synth.stderr).toContain(`${SETTINGS}: field warehouses`);
    expect(synth.manifests.size).toBe(0);

    // Deleted, it is written again from the config with the manifests.
    bed.pushAsOtherWriter('fixer', { [SETTINGS]: null }, 'Reset');
    const third = await withWeb();
    expect(third.body).toMatchObject({ errors: [] });
    const fixed = committedFiles();
    expect(fixed.get(SETTINGS)?.toString('utf8')).toContain(
      `    ${bed.registry().host}: 1s\n`,
    );
    expect(fixed.has('manifests/warehouses/web.yaml')).toBe(true);
    expectSameBytes(
      (await synthFrom(fixed)).manifests,
      below(fixed, 'manifests'),
    );
  });
});
