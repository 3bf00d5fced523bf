import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  githubComponent,
  githubIntegrationConfig,
  githubRepositories,
} from '../__testUtils__/githubFleet';
import {
  LocalGithubApi,
  startLocalGithubApi,
} from '../__testUtils__/localGithubApi';
import {
  OciRegistry,
  startOciRegistry,
} from '../__testUtils__/startOciRegistry';
import { startPluginBackend } from '../__testUtils__/startPluginBackend';

const TOKEN = 'ghe-one-way-token';

// The whole plugin on a real OCI registry, a real git state repository and
// SQLite; a local server speaking GitHub's documented REST endpoints stands in
// for GitHub, which cannot run here.
describe('Pipeline, data flowing one way', () => {
  let registry: OciRegistry;
  let github: LocalGithubApi;
  let dir: string;

  beforeAll(async () => {
    registry = await startOciRegistry();
  });
  afterAll(() => registry.stop());
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'image-factory-one-way-'));
  });
  afterEach(async () => {
    await github?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('commits the rebuild it triggers in the same run, shows the image rebuilding, and has nothing left for the next run', async () => {
    github = await startLocalGithubApi({
      token: TOKEN,
      returnsRunDetails: true,
      now: Date.now,
      repositories: githubRepositories(
        ['alpha'],
        `FROM ${registry.host}/library/node:22\n`,
      ),
    });
    await registry.pushImage('library/node', '22', { content: 'one' });
    const api = await startPluginBackend({
      entities: [
        githubComponent({
          name: 'alpha',
          registryHost: registry.host,
          delay: '0',
        }),
      ],
      registryHost: registry.host,
      workDir: path.join(dir, 'work'),
      stateRepository: path.join(dir, 'state.git'),
      imageFactory: { defaults: { coordinationWindow: '0' } },
      config: githubIntegrationConfig(github, TOKEN),
    });
    const git = (...args: string[]) =>
      execFileSync('git', ['--git-dir', path.join(dir, 'state.git'), ...args], {
        encoding: 'utf8',
      }).trim();

    expect((await api.refresh()).body).toMatchObject({ errors: [] });
    await registry.pushImage('library/node', '22', { content: 'two' });

    const triggering = await api.refresh();
    expect(triggering.body).toMatchObject({ rebuildsTriggered: 1, errors: [] });
    expect(github.runs).toHaveLength(1);
    const status = await api.get('/images/default/component/alpha');
    expect(status.body.eligibility.state).toBe('rebuilding');
    const [rebuild] = status.body.rebuilds;
    expect(rebuild).toMatchObject({ trigger: 'auto', status: 'running' });

    // The run's one commit holds the rebuild it started.
    expect(triggering.body.commit).toBe(git('rev-parse', 'main'));
    const stateFile = git('show', 'main:state/images/alpha.yaml');
    expect(stateFile).toContain(rebuild.id);
    expect(git('log', '--format=%H', 'main').split('\n')).toHaveLength(3);

    // Nothing changed since: the next run writes nothing and starts nothing.
    const quiet = await api.refresh();
    expect(quiet.body).toMatchObject({
      commit: null,
      rebuildsTriggered: 0,
      errors: [],
    });
    expect(github.runs).toHaveLength(1);
  });
});
