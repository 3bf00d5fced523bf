import { pluginTestBed } from '../__testUtils__/pluginTestBed';

// The whole plugin on a real OCI registry, a real git state repository and
// SQLite; a local server speaking GitHub's documented REST endpoints stands in
// for GitHub, which cannot run here.
describe('Pipeline, data flowing one way', () => {
  const bed = pluginTestBed();

  it('commits the rebuild it triggers in the same run, shows the image rebuilding, and has nothing left for the next run', async () => {
    const github = await bed.useGithub({ repositories: ['alpha'] });
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    const api = await bed.start({
      entities: [bed.githubComponent({ name: 'alpha', delay: '0' })],
      imageFactory: { defaults: { coordinationWindow: '0' } },
    });

    expect((await api.refresh()).body).toMatchObject({ errors: [] });
    await bed.registry().pushImage('library/node', '22', { content: 'two' });

    const triggering = await api.refresh();
    expect(triggering.body).toMatchObject({ rebuildsTriggered: 1, errors: [] });
    expect(github.runs).toHaveLength(1);
    const status = await api.get('/images/default/component/alpha');
    expect(status.body.eligibility.state).toBe('rebuilding');
    const [rebuild] = status.body.rebuilds;
    expect(rebuild).toMatchObject({ trigger: 'auto', status: 'running' });

    // The run's one commit holds the rebuild it started.
    expect(triggering.body.commit).toBe(bed.git('rev-parse', 'main'));
    const stateFile = bed.stateFile('state/images/alpha.yaml');
    expect(stateFile).toContain(rebuild.id);
    expect(bed.git('log', '--format=%H', 'main').split('\n')).toHaveLength(3);

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
