import { pluginTestBed } from './__testUtils__/pluginTestBed';
import { GITHUB_INPUT_NAMES } from './triggers/buildRunParameters';

// The whole plugin on a chain of internal base images, top ← middle ← bottom
// (each built FROM the one before, all managed), on a real OCI registry, a
// real git state repository and SQLite. GitHub cannot run here: a local
// stand-in records the dispatches, and the test plays CI, ending each run and
// pushing the image it would have built.
describe('imageFactoryPlugin on a chain of internal base images', () => {
  const bed = pluginTestBed();

  it('rebuilds a three-level chain from the top, in order, each image once', async () => {
    const host = bed.registry().host;
    const github = await bed.useGithub({
      repositories: ['top', 'middle', 'bottom'],
      dockerfiles: {
        top: `FROM ${host}/library/node:22\n`,
        middle: `FROM ${host}/acme/top:1\n`,
        bottom: `FROM ${host}/acme/middle:1\n`,
      },
    });
    const registry = bed.registry();
    await registry.pushImage('library/node', '22', { content: 'node 1' });
    await registry.pushImage('acme/top', '1', { content: 'top 1' });
    await registry.pushImage('acme/middle', '1', { content: 'middle 1' });
    const api = await bed.start({
      entities: ['top', 'middle', 'bottom'].map(name =>
        bed.githubComponent({ name, delay: '0' }),
      ),
      imageFactory: { defaults: { coordinationWindow: '0' } },
    });
    const state = async (name: string) =>
      (await api.get(`/images/default/component/${name}`)).body.eligibility;
    const dispatched = () =>
      github.runs.map(run => ({
        repository: run.repository,
        baseImages: JSON.parse(
          String(run.inputs[GITHUB_INPUT_NAMES.baseImages]),
        ),
      }));
    // CI ends the newest run and pushes what it built.
    const finish = async (name: string, content: string) => {
      const run = github.runs[github.runs.length - 1];
      expect(run.repository).toBe(`acme/${name}`);
      run.status = 'completed';
      run.conclusion = 'success';
      return registry.pushImage(`acme/${name}`, '1', { content });
    };
    await api.refresh();
    expect(await state('middle')).toMatchObject({ state: 'up-to-date' });

    // Node moves, and someone pushes a new top by hand at the same time:
    // top and middle are both stale, but middle waits for top.
    const node2 = await registry.pushImage('library/node', '22', {
      content: 'node 2',
    });
    await registry.pushImage('acme/top', '1', { content: 'top by hand' });
    await api.refresh();
    expect(dispatched()).toEqual([
      {
        repository: 'acme/top',
        baseImages: [{ ref: `${host}/library/node:22`, digest: node2 }],
      },
    ]);
    const middle = await state('middle');
    expect(middle.state).toBe('pending');
    expect(middle.reasons[0]).toMatch(
      /^Waits for component:default\/top, which builds its base image/,
    );

    // Top's rebuild lands: middle is built on it, once.
    const top2 = await finish('top', 'top 2');
    await api.refresh();
    expect(dispatched().slice(1)).toEqual([
      {
        repository: 'acme/middle',
        baseImages: [{ ref: `${host}/acme/top:1`, digest: top2 }],
      },
    ]);

    // Middle's lands: bottom is built on it, once.
    const middle2 = await finish('middle', 'middle 2');
    await api.refresh();
    expect(dispatched().slice(2)).toEqual([
      {
        repository: 'acme/bottom',
        baseImages: [{ ref: `${host}/acme/middle:1`, digest: middle2 }],
      },
    ]);

    // Bottom's lands: the chain is up to date, nothing more is sent.
    await finish('bottom', 'bottom 2');
    await api.refresh();
    await api.refresh();
    expect(github.runs).toHaveLength(3);
    for (const name of ['top', 'middle', 'bottom']) {
      expect(await state(name)).toMatchObject({ state: 'up-to-date' });
    }
  });

  it('trusts at once the digest a rebuild pushed to an internal base image, and makes one pushed by hand wait out the delay', async () => {
    const host = bed.registry().host;
    const github = await bed.useGithub({
      repositories: ['top', 'middle'],
      dockerfiles: {
        top: `FROM ${host}/library/node:22\n`,
        middle: `FROM ${host}/acme/top:1\n`,
      },
    });
    const registry = bed.registry();
    await registry.pushImage('library/node', '22', { content: 'node 1' });
    await registry.pushImage('acme/top', '1', { content: 'top 1' });
    const api = await bed.start({
      entities: [
        bed.githubComponent({
          name: 'top',
          delay: '0',
          annotations: { 'image-factory.io/image-tag': '1' },
        }),
        bed.githubComponent({ name: 'middle', delay: '7d' }),
      ],
      imageFactory: { defaults: { coordinationWindow: '0' } },
    });
    const middle = async () =>
      (await api.get('/images/default/component/middle')).body;
    await api.refresh();

    // Someone pushes top by hand: middle waits for its own delay.
    await registry.pushImage('acme/top', '1', { content: 'top by hand' });
    await api.refresh();
    const waiting = await middle();
    expect(waiting.eligibility.state).toBe('pending');
    expect(waiting.baseImages[0]).toMatchObject({
      builtBy: 'component:default/top',
    });
    expect(waiting.baseImages[0].delay).toBeUndefined();
    expect(github.runs).toHaveLength(0);

    // Node moves; top's rebuild pushes top 2, which middle builds on at once.
    await registry.pushImage('library/node', '22', { content: 'node 2' });
    await api.refresh();
    expect(github.runs.map(r => r.repository)).toEqual(['acme/top']);
    github.runs[0].status = 'completed';
    github.runs[0].conclusion = 'success';
    const top2 = await registry.pushImage('acme/top', '1', {
      content: 'top 2',
    });
    await api.refresh();
    const trusted = await middle();
    expect(trusted.baseImages[0]).toMatchObject({
      builtBy: 'component:default/top',
      delay: '0',
      latestDigest: top2,
    });
    expect(github.runs.map(r => r.repository)).toEqual([
      'acme/top',
      'acme/middle',
    ]);
    expect(
      JSON.parse(String(github.runs[1].inputs[GITHUB_INPUT_NAMES.baseImages])),
    ).toEqual([{ ref: `${host}/acme/top:1`, digest: top2 }]);
  });
});
