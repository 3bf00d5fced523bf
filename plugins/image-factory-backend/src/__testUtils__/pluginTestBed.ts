import { Entity } from '@backstage/catalog-model';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileComponent } from './catalogComponent';
import { ensureLocalBareRepository } from '../git/ensureLocalBareRepository';
import { GitFixture } from '../git/__testUtils__/gitFixture';
import {
  githubComponent,
  githubIntegrationConfig,
  githubRepositories,
} from './githubFleet';
import { LocalGithubApi, startLocalGithubApi } from './localGithubApi';
import { OciRegistry, startOciRegistry } from './startOciRegistry';
import {
  PluginBackend,
  PluginBackendOptions,
  startPluginBackend,
} from './startPluginBackend';

const GITHUB_TOKEN = 'ghe-test-token';

/** Options of {@link pluginTestBed}. */
export interface PluginTestBedOptions {
  /**
   * Create the state repository (a bare repository with an empty `main`)
   * before each test, as the remote another writer pushes to; without it, the
   * plugin creates it on its first start.
   */
  createStateRepository?: boolean;
  /**
   * How long each test of the `describe`'s file may take; default 60 s.
   * Each starts a backend on a real registry and git repository: about 3 s
   * alone, more while the other test files run beside it on two cores.
   */
  timeoutMs?: number;
}

/** Options of {@link PluginTestBed.start}: the backend's, with the bed's parts filled in. */
export type TestBedBackendOptions = Omit<
  PluginBackendOptions,
  'registryHost' | 'workDir' | 'stateRepository'
> & {
  /** The backend's working directory, below the test's folder; default `work`. */
  work?: string;
};

/** What {@link pluginTestBed} gives the tests of its `describe`. */
export interface PluginTestBed {
  /** The OCI registry, one for the whole `describe`. */
  registry(): OciRegistry;
  /** The test's own temporary folder. */
  dir(): string;
  /** The git fixture of the test's folder: its `remote` is the state repository. */
  fixture(): GitFixture;
  /** The state repository's path, a bare repository. */
  stateRepository(): string;
  /**
   * Starts the GitHub stand-in for this test, closed after it, with `acme/<name>`
   * repositories whose Dockerfile is `dockerfile` (default: `FROM` the
   * registry's `library/node:22`), or the one `dockerfiles` gives by name.
   */
  useGithub(options: {
    repositories: string[];
    dockerfile?: string;
    dockerfiles?: Record<string, string>;
  }): Promise<LocalGithubApi>;
  /** The stand-in {@link PluginTestBed.useGithub} started in this test. */
  github(): LocalGithubApi;
  /** `integrations.github` pointing at this test's stand-in. */
  githubConfig(): ReturnType<typeof githubIntegrationConfig>;
  /** A component on the stand-in, building its image on the bed's registry. */
  githubComponent(
    options: Omit<Parameters<typeof githubComponent>[0], 'registryHost'>,
  ): Entity;
  /** A component registered from its folder `<dir>/entities/<name>`, holding its Dockerfile. */
  fileComponent(
    options: Omit<Parameters<typeof fileComponent>[0], 'folder'>,
  ): Entity;
  /**
   * Starts the plugin on the bed's registry and state repository, with the
   * GitHub integration for the stand-in when the test started one.
   */
  start(options: TestBedBackendOptions): Promise<PluginBackend>;
  /**
   * Another writer's commit: clones the state repository as `clone`, applies
   * `changes` (`null` deletes a file) and pushes them; returns the commit.
   */
  pushAsOtherWriter(
    clone: string,
    changes: Record<string, string | Buffer | null>,
    message: string,
  ): string;
  /** Runs git on the state repository; its output, trimmed. */
  git(...args: string[]): string;
  /** A file of the state repository at `commit`, byte for byte. */
  stateBytes(path: string, commit?: string): Buffer;
  /** A file of the state repository at `commit`, as UTF-8 text. */
  stateFile(path: string, commit?: string): string;
  /** Every file of the state repository's `main` branch, as text, by path. */
  stateFiles(): Map<string, string>;
}

/**
 * Test support: the setup of the whole-plugin tests. Called at the top of a
 * `describe`, it registers the jest hooks itself: a real OCI registry for the
 * `describe`, and for each test a fresh folder holding the state repository
 * and the backends' working directories, removed after the test with the
 * GitHub stand-in the test started. Hooks the caller declares after it run
 * after its `beforeEach`, and their `afterEach` after its own.
 */
export function pluginTestBed(
  options: PluginTestBedOptions = {},
): PluginTestBed {
  let registry: OciRegistry | undefined;
  let fixture: GitFixture | undefined;
  let github: LocalGithubApi | undefined;

  // Jest's default of 5 s is too short for a whole-plugin test; one that
  // hangs still fails.
  jest.setTimeout(options.timeoutMs ?? 60_000);

  beforeAll(async () => {
    registry = await startOciRegistry();
  });
  afterAll(() => registry?.stop());
  beforeEach(async () => {
    fixture = new GitFixture();
    if (options.createStateRepository) {
      await ensureLocalBareRepository(fixture.remote, 'main');
    }
  });
  afterEach(async () => {
    await github?.close();
    github = undefined;
    fixture?.cleanup();
  });

  const started = <T>(value: T | undefined, missing: string): T => {
    if (value === undefined) {
      throw new Error(missing);
    }
    return value;
  };
  const bed: PluginTestBed = {
    registry: () => started(registry, 'The registry starts in beforeAll'),
    fixture: () =>
      started(fixture, 'A test bed folder exists only during a test'),
    dir: () => bed.fixture().root,
    stateRepository: () => bed.fixture().remote,
    async useGithub({ repositories, dockerfile, dockerfiles }) {
      github = await startLocalGithubApi({
        token: GITHUB_TOKEN,
        returnsRunDetails: true,
        now: Date.now,
        repositories: githubRepositories(
          repositories,
          dockerfile ?? `FROM ${bed.registry().host}/library/node:22\n`,
          dockerfiles,
        ),
      });
      return github;
    },
    github: () => started(github, 'This test has not called useGithub'),
    githubConfig: () => githubIntegrationConfig(bed.github(), GITHUB_TOKEN),
    githubComponent: component =>
      githubComponent({ ...component, registryHost: bed.registry().host }),
    fileComponent: component =>
      fileComponent({
        ...component,
        folder: join(bed.dir(), 'entities', component.name),
      }),
    start: ({ work = 'work', config, ...backend }) =>
      startPluginBackend({
        ...backend,
        registryHost: bed.registry().host,
        workDir: join(bed.dir(), work),
        stateRepository: bed.stateRepository(),
        config: { ...(github && bed.githubConfig()), ...config },
      }),
    pushAsOtherWriter: (clone, changes, message) =>
      bed.fixture().pushFrom(bed.fixture().clone(clone), changes, message),
    git: (...args) =>
      bed.fixture().git(['--git-dir', bed.stateRepository(), ...args]),
    // Not through the fixture's git, which trims: a file's bytes stay as they are.
    stateBytes: (path, commit = 'main') =>
      execFileSync(
        'git',
        [
          '--git-dir',
          bed.stateRepository(),
          'cat-file',
          'blob',
          `${commit}:${path}`,
        ],
        { env: bed.fixture().env() },
      ),
    stateFile: (path, commit) => bed.stateBytes(path, commit).toString('utf8'),
    stateFiles: () =>
      new Map(
        bed
          .git('ls-tree', '-r', '-z', '--name-only', 'main')
          .split('\0')
          .filter(Boolean)
          .map(path => [path, bed.stateFile(path)]),
      ),
  };
  return bed;
}
