import { Entity } from '@backstage/catalog-model';
import { shortDigest } from '@image-factory/backstage-plugin-image-factory-common';
import { pluginTestBed } from './__testUtils__/pluginTestBed';
import { GITHUB_INPUT_NAMES } from './triggers/buildRunParameters';

// The whole plugin, with one hostile entity among well-behaved ones, on a real
// OCI registry, a real git state repository and SQLite. GitHub cannot run here:
// a local server speaking its documented REST endpoints (repository contents for
// Backstage's URL reader, workflow dispatches and runs for the trigger) stands in.
describe('imageFactoryPlugin with one bad entity in the fleet', () => {
  const bed = pluginTestBed();

  const component = (
    name: string,
    delay: string,
    annotations: Record<string, string> = {},
  ) => bed.githubComponent({ name, delay, annotations });

  const start = (entities: Entity[]) =>
    bed.start({
      entities,
      imageFactory: { defaults: { coordinationWindow: '0' } },
    });

  it('publishes every other status and triggers the other eligible rebuilds when one entity has an absurd delay', async () => {
    const github = await bed.useGithub({
      repositories: ['alpha', 'beta', 'huge'],
    });
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    const api = await start([
      component('alpha', '0'),
      component('huge', '99999999d'),
      component('beta', '0'),
    ]);

    const first = await api.refresh();
    expect(first.run?.status).toBe('succeeded');
    expect(first.body).toMatchObject({ analyzed: 3, errors: [] });

    await bed.registry().pushImage('library/node', '22', { content: 'two' });
    const second = await api.refresh();
    expect(second.run?.status).toBe('succeeded');
    expect(second.body).toMatchObject({
      newFreight: 1,
      rebuildsTriggered: 2,
      errors: [],
    });
    expect(github.runs.map(r => r.repository).sort()).toEqual([
      'acme/alpha',
      'acme/beta',
    ]);

    for (const name of ['alpha', 'beta']) {
      const status = await api.get(`/images/default/component/${name}`);
      expect(status.body.eligibility.state).toBe('rebuilding');
    }
    const huge = await api.get('/images/default/component/huge');
    expect(huge.status).toBe(200);
    expect(huge.body.enrollment.errors).toEqual([
      {
        annotation: 'image-factory.io/rebuild-delay',
        message: expect.stringContaining('at most 365d'),
      },
    ]);
    // The bad value falls back to the default delay, which has not passed.
    expect(huge.body.enrollment.rebuildDelay).toBe('7d');
    expect(huge.body.eligibility.state).toBe('pending');
  });

  it('writes no Warehouse that would point Kargo at a registry or git host the backend may not reach', async () => {
    await bed.useGithub({
      repositories: ['metadata'],
      dockerfile: `FROM 169.254.169.254/latest/meta-data:1 AS probe\nFROM ${
        bed.registry().host
      }/library/node:22\nCOPY --from=probe /x /x\n`,
    });
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    const api = await start([
      component('metadata', '7d'),
      component('elsewhere', '7d', {
        'image-factory.io/source-location':
          'url:https://git.evil.example/acme/elsewhere/tree/main/',
      }),
    ]);

    expect((await api.refresh()).run?.status).toBe('succeeded');
    const files = bed.stateFiles();
    const manifests = [...files]
      .filter(([file]) => file.startsWith('manifests/'))
      .map(([, text]) => text)
      .join('\n');
    expect(manifests).toContain(`${bed.registry().host}/library/node`);
    expect(manifests).not.toContain('169.254.169.254');
    expect(manifests).not.toContain('evil.example');
    // The managed images' own Warehouses still watch what may be watched.
    expect(manifests).toContain('https://ghe.local/acme/metadata');

    const baseImageFiles = [...files]
      .filter(([file]) => file.startsWith('state/base-images/'))
      .map(([, text]) => text);
    expect(
      baseImageFiles.find(text => text.includes('169.254.169.254')),
    ).toMatch(
      /unmonitorable: registry 169\.254\.169\.254 is not allowed by imageFactory\.registries/,
    );
    const elsewhere = [...files].find(
      ([file, text]) =>
        file.startsWith('state/images/') && text.includes('elsewhere'),
    )?.[1];
    expect(elsewhere).toMatch(
      /gitUnmonitorable: git host git\.evil\.example has no integration/,
    );
  });

  it("sends no rebuild to a repository other than the entity's own, and says why on its status", async () => {
    const github = await bed.useGithub({
      repositories: ['alpha', 'victim'],
    });
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    const api = await start([
      component('alpha', '0'),
      component('intruder', '0', {
        'image-factory.io/source-location':
          'url:https://ghe.local/acme/victim/tree/main/',
      }),
    ]);
    expect((await api.refresh()).run?.status).toBe('succeeded');
    await bed.registry().pushImage('library/node', '22', { content: 'two' });
    const second = await api.refresh();
    expect(second.body).toMatchObject({ rebuildsTriggered: 1, errors: [] });
    expect(github.runs.map(r => r.repository)).toEqual(['acme/alpha']);

    const intruder = await api.get('/images/default/component/intruder');
    expect(intruder.body.eligibility.state).toBe('blocked');
    expect(intruder.body.enrollment.errors).toEqual([
      {
        annotation: 'image-factory.io/source-location',
        blocksRebuilds: true,
        message: expect.stringContaining(
          'https://ghe.local/acme/victim is not the repository the entity is registered from (https://ghe.local/acme/intruder)',
        ),
      },
    ]);
    // Asking by hand, even as an emergency, sends nothing either.
    const forced = await api.post(
      '/images/default/component/intruder/rebuild',
      {
        emergency: true,
        justification: 'CVE-2026-0001 is exploited in the wild',
      },
    );
    expect(forced.status).toBe(409);
    expect(github.runs).toHaveLength(1);
  });

  it('builds on the next older digest when the registry no longer has the one a rebuild pins, and says so', async () => {
    const github = await bed.useGithub({ repositories: ['pinned'] });
    const host = bed.registry().host;
    const push = (content: string) =>
      bed.registry().pushImage('library/node', '22', { content });
    await push('built');
    const api = await start([component('pinned', '7d')]);
    await api.refresh();
    const older = await push('older');
    await api.refresh();
    const newest = await push('newest');
    await api.refresh();
    // The publisher deletes the newest digest (a broken release withdrawn).
    await bed.registry().deleteManifest('library/node', newest);

    const answer = await api.post('/images/default/component/pinned/rebuild', {
      emergency: true,
      justification: 'CVE-2026-0001 is exploited',
    });

    expect(answer.status).toBe(201);
    expect(answer.body.rebuild.baseDigests).toEqual({
      [`${host}/library/node:22`]: older,
    });
    expect(github.runs).toHaveLength(1);
    expect(
      JSON.parse(String(github.runs[0].inputs[GITHUB_INPUT_NAMES.baseImages])),
    ).toEqual([{ ref: `${host}/library/node:22`, digest: older }]);
    expect(github.runs[0].inputs[GITHUB_INPUT_NAMES.reason]).toBe(
      `Emergency rebuild by user:default/mock: CVE-2026-0001 is exploited; ${shortDigest(
        newest,
      )} of ${host}/library/node:22 is gone from its registry, so it is built on ${shortDigest(
        older,
      )}`,
    );
  });
});
