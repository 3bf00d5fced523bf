import {
  mkdtemp,
  mkdir,
  readdir,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import {
  analyzeDockerfile,
  DEFAULT_ENROLLMENT_DEFAULTS,
  emptyStateTree,
  mergeState,
  parseEnrollment,
  recordDigest,
  renderStateTree,
  STATE_SETTINGS_PATH,
  stateSettings,
  type AnalysisOutcome,
  type EnrollableEntity,
  type Enrollment,
  type StateTree,
} from '@image-factory/backstage-plugin-image-factory-common';
import { runImageFactory } from '../__testUtils__/runImageFactory';

const T1 = '2025-01-01T00:00:00.000Z';
const DIGEST = `sha256:${'ab12'.repeat(16)}`;
const PINNED = `sha256:${'cd34'.repeat(16)}`;

function component(name: string, image: string): EnrollableEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'backstage.io/source-location': `url:https://github.com/acme/${name}/tree/main/`,
        'image-factory.io/image': image,
      },
    },
  };
}

/** A state tree the way the backend builds it: enrollment, analysis, merge, discovery. */
function backendState(): StateTree {
  const dockerfiles: Array<[EnrollableEntity, string]> = [
    [
      component('payments', 'ghcr.io/acme/payments'),
      'FROM node:22\nFROM nginx:1.27\n',
    ],
    [
      component('web', 'ghcr.io/acme/web'),
      `FROM node:22\nCOPY --from=busybox@${PINNED} /bin/sh /bin/sh\n`,
    ],
  ];
  const enrollments: Enrollment[] = [];
  const analyses = new Map<string, AnalysisOutcome>();
  for (const [entity, dockerfile] of dockerfiles) {
    const enrollment = parseEnrollment(entity, DEFAULT_ENROLLMENT_DEFAULTS)!;
    enrollments.push(enrollment);
    analyses.set(enrollment.entityRef, {
      status: 'ok',
      analysis: analyzeDockerfile(dockerfile),
      analyzedAt: T1,
    });
  }
  const { state } = mergeState({
    previous: emptyStateTree(),
    enrollments,
    analyses,
    now: T1,
  });
  return recordDigest(state, 'node:22', { digest: DIGEST, seenAt: T1 });
}

async function writeTree(root: string, files: Iterable<[string, string]>) {
  for (const [path, content] of files) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

async function readTree(root: string): Promise<Record<string, string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter(e => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    files[relative(root, path).split('\\').join('/')] = await readFile(
      path,
      'utf8',
    );
  }
  return files;
}

// A process of its own: synth loads its module with import(), which Jest
// cannot run in-process.
function synth(cwd: string, ...args: string[]) {
  return runImageFactory(cwd, ['synth', ...args]);
}

describe('image-factory synth', () => {
  jest.setTimeout(120_000);
  let dir: string;
  let rendered: Map<string, string>;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'image-factory-synth-'));
    rendered = renderStateTree(backendState());
    await writeTree(
      dir,
      [...rendered].filter(([path]) => path.startsWith('state/')),
    );
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the manifests exactly as the backend renders them', async () => {
    const result = await synth(dir, '--state-dir', '.');
    expect(result).toMatchObject({
      status: 0,
      stderr: expect.stringContaining(
        `not monitored: docker.io/library/busybox@${PINNED}`,
      ),
    });
    expect(result.stdout).toContain('4 Warehouses');
    expect(await readTree(dir)).toEqual(Object.fromEntries(rendered));
  });

  it('removes Warehouse files that are no longer generated and keeps other files', async () => {
    await writeTree(dir, [
      ['manifests/warehouses/old-base-1.yaml', 'kind: Warehouse\n'],
      ['manifests/README.md', 'Applied by Argo CD.\n'],
    ]);
    const result = await synth(join(dir, 'state'), '--state-dir', '..');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 removed');
    const files = await readTree(dir);
    expect(files['manifests/warehouses/old-base-1.yaml']).toBeUndefined();
    expect(files['manifests/README.md']).toBe('Applied by Argo CD.\n');
  });

  it('exits non-zero naming the file and field of an invalid state file, and writes nothing', async () => {
    const path = join(dir, 'state/images/payments.yaml');
    await writeFile(
      path,
      (
        await readFile(path, 'utf8')
      ).replace('autoRebuild: true', 'autoRebuild: sometimes'),
    );
    const result = await synth(dir, '--state-dir', dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'state/images/payments.yaml: field policy.autoRebuild:',
    );
    expect(
      Object.keys(await readTree(dir)).some(p => p.startsWith('manifests/')),
    ).toBe(false);
  });

  it('reports a state file with YAML aliases by path, as the backend does, and writes nothing', async () => {
    await writeTree(dir, [
      ['state/images/x.yaml', 'x: *nope\n'],
      ['state/base-images/lol.yaml', 'a: &a [1, 1]\nb: [*a, *a]\n'],
    ]);
    const result = await synth(dir, '--state-dir', dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      [
        'state/base-images/lol.yaml: line 1: YAML anchors and aliases are not allowed in a state file',
        'state/images/x.yaml: line 1: YAML anchors and aliases are not allowed in a state file',
        'no manifests written: fix or remove the invalid state files',
      ]
        .map(line => `image-factory synth: ${line}\n`)
        .join(''),
    );
    expect(
      Object.keys(await readTree(dir)).some(p => p.startsWith('manifests/')),
    ).toBe(false);
  });

  it('checks without writing', async () => {
    const stale = await synth(dir, '--state-dir', dir, '--check');
    expect(stale.status).toBe(1);
    expect(stale.stdout).toContain('outdated: manifests/kustomization.yaml');
    expect(
      Object.keys(await readTree(dir)).some(p => p.startsWith('manifests/')),
    ).toBe(false);

    await synth(dir, '--state-dir', dir);
    const fresh = await synth(dir, '--state-dir', dir, '--check');
    expect(fresh.status).toBe(0);
    expect(fresh.stdout).toBe('');
  });

  it('renders with the settings the backend wrote in state/_settings.yaml, byte for byte', async () => {
    // What the backend commits with `kargo.namespace` and a registry's `minInterval`.
    const committed = renderStateTree(
      backendState(),
      stateSettings({
        namespace: 'kargo-images',
        registryIntervals: { 'docker.io': '1s' },
      }),
    );
    await rm(join(dir, 'state'), { recursive: true });
    await writeTree(
      dir,
      [...committed].filter(([path]) => path.startsWith('state/')),
    );

    const result = await synth(dir, '--state-dir', dir);

    expect(result.status).toBe(0);
    expect(await readTree(dir)).toEqual(Object.fromEntries(committed));
    expect(
      await readFile(join(dir, 'manifests/warehouses/node-22.yaml'), 'utf8'),
    ).toContain('  interval: 1s\n');
    const check = await synth(dir, '--state-dir', dir, '--check');
    expect(check).toMatchObject({ status: 0, stdout: '' });
  });

  it('refuses Warehouse flags when the repository has a settings file', async () => {
    await writeTree(dir, [
      [
        STATE_SETTINGS_PATH,
        renderStateTree(backendState(), stateSettings()).get(
          STATE_SETTINGS_PATH,
        )!,
      ],
    ]);
    const result = await synth(
      dir,
      '--state-dir',
      dir,
      '--namespace',
      'kargo-images',
      '--default-interval',
      '1m',
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      `${STATE_SETTINGS_PATH} sets the Warehouse options of this repository, as the backend wrote them: drop --namespace, --default-interval`,
    );
    expect(
      Object.keys(await readTree(dir)).some(p => p.startsWith('manifests/')),
    ).toBe(false);
  });

  it('reports an invalid settings file by path and writes nothing, rather than rendering the defaults', async () => {
    const settings = renderStateTree(
      backendState(),
      stateSettings({ registryIntervals: { 'docker.io': '1s' } }),
    ).get(STATE_SETTINGS_PATH)!;
    await writeTree(dir, [
      [
        STATE_SETTINGS_PATH,
        settings.replace('docker.io: 1s', 'docker.io: 1 s'),
      ],
    ]);
    const result = await synth(dir, '--state-dir', dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      [
        `${STATE_SETTINGS_PATH}: field warehouses.registryIntervals.docker.io: "1 s" is not a duration: use a number with a unit, largest unit first, such as 7d, 36h, 90m, 45s or 1d12h`,
        'no manifests written: fix or remove the invalid state files',
      ]
        .map(line => `image-factory synth: ${line}\n`)
        .join(''),
    );
    expect(
      Object.keys(await readTree(dir)).some(p => p.startsWith('manifests/')),
    ).toBe(false);
  });

  it('applies the Warehouse flags to a repository from before the settings file', async () => {
    const result = await synth(
      dir,
      '--state-dir',
      dir,
      '--namespace',
      'kargo-images',
      '--registry-interval',
      'docker.io=6h',
    );
    expect(result.status).toBe(0);
    const expected = renderStateTree(
      backendState(),
      stateSettings({
        namespace: 'kargo-images',
        registryIntervals: { 'docker.io': '6h' },
      }),
    );
    // synth writes manifests/ only: the settings file is the backend's to write.
    expected.delete(STATE_SETTINGS_PATH);
    expect(await readTree(dir)).toEqual(Object.fromEntries(expected));
  });

  it('refuses a folder without state/ and a bad interval', async () => {
    const empty = await synth(dir, '--state-dir', 'manifests');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('has no state/ folder');
    const bad = await synth(
      dir,
      '--state-dir',
      dir,
      '--public-interval',
      'daily',
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('"daily" is not a duration');
  });
});
