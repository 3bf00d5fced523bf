import { Entity } from '@backstage/catalog-model';
import { pluginTestBed } from '../__testUtils__/pluginTestBed';

const PAYMENTS = 'state/images/payments.yaml';
const BACKDATED = '2020-01-01T00:00:00.000Z';

// The whole plugin on a real bare git repository that another writer edits by
// hand between runs, in ways meant to get past the plugin's rules: backdated
// digests, a catalog answer without entities, corrupt files.
describe('Pipeline with hostile or lost state', () => {
  const bed = pluginTestBed({
    createStateRepository: true,
    timeoutMs: 180_000,
  });

  const startGithub = (names: string[]) =>
    bed.useGithub({ repositories: names });

  const component = (name: string, delay = '1d') =>
    bed.githubComponent({ name, delay });

  /** A backend with its own database and clone (a replica, or a restart on a fresh database). */
  const start = (entities: Entity[], name: string) =>
    bed.start({
      entities,
      work: `work-${name}`,
      imageFactory: { defaults: { coordinationWindow: '0' } },
    });

  /** A file at the head of the remote branch, byte for byte. */
  const bytes = (path: string) => bed.stateBytes(path);
  const text = (path: string) => bed.stateFile(path);
  const list = (folder: string) =>
    bed
      .git('ls-tree', '--name-only', `main:${folder}`)
      .split('\n')
      .filter(Boolean);
  const nodeStateFile = () =>
    `state/base-images/${list('state/base-images').find(f =>
      f.includes('node'),
    )}`;

  /** Payments built on node:22, then a new node:22 digest seen by a second run. */
  async function payWithNewNodeDigest() {
    await startGithub(['payments']);
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    const api = await start([component('payments')], 'a');
    const first = await api.refresh();
    expect(first.body).toMatchObject({ errors: [] });
    const two = await bed.registry().pushImage('library/node', '22', {
      content: `two-${Date.now()}`,
    });
    const second = await api.refresh();
    expect(second.body).toMatchObject({
      newFreight: 1,
      rebuildsTriggered: 0,
      errors: [],
    });
    const status = (await api.get('/images/default/component/payments')).body;
    expect(status.eligibility.state).toBe('pending');
    const seen: string = status.baseImages[0].updates.find(
      (u: { digest: string }) => u.digest === two,
    ).firstSeen;
    return { api, two, seen, eligibleAt: status.eligibility.eligibleAt };
  }

  /** Another writer moves every time of the node:22 update back by years. */
  function backdate(seen: string) {
    const file = nodeStateFile();
    const original = text(file);
    expect(original).toContain(seen);
    bed.pushAsOtherWriter(
      `backdate-${Date.now()}`,
      { [file]: original.split(seen).join(BACKDATED) },
      'Backdate the new node digest',
    );
    return file;
  }

  it('does not let a state file edited to an earlier firstSeen skip the rebuild delay', async () => {
    const { api, two, seen, eligibleAt } = await payWithNewNodeDigest();
    const file = backdate(seen);

    const third = await api.refresh();

    expect(third.run?.status).toBe('succeeded');
    expect(third.body.rebuildsTriggered).toBe(0);
    expect(third.body.errors).toEqual([expect.stringContaining(file)]);
    expect(third.body.errors[0]).toContain(two);
    expect(third.body.errors[0]).toContain(BACKDATED);
    expect(third.body.errors[0]).toContain(seen);
    expect(bed.github().runs).toEqual([]);
    const status = (await api.get('/images/default/component/payments')).body;
    expect(status.eligibility).toMatchObject({ state: 'pending', eligibleAt });
    // The state written back carries the database's time.
    expect(text(file)).toContain(seen);
    expect(text(file)).not.toContain(BACKDATED);

    // Fixed in git, nothing more to report.
    const fourth = await api.refresh();
    expect(fourth.body).toMatchObject({ commit: null, errors: [] });
  });

  it("adopts the state repository's firstSeen times on a fresh database, and holds them from then on", async () => {
    const { seen, eligibleAt } = await payWithNewNodeDigest();

    // The database is lost: a new backend on an empty one.
    const fresh = await start([component('payments')], 'fresh');
    const first = await fresh.refresh();
    expect(first.body).toMatchObject({
      commit: null,
      rebuildsTriggered: 0,
      errors: [],
    });
    const status = (await fresh.get('/images/default/component/payments')).body;
    expect(status.eligibility).toMatchObject({ state: 'pending', eligibleAt });

    // From now on its own record is what counts.
    const file = backdate(seen);
    const second = await fresh.refresh();
    expect(second.body.rebuildsTriggered).toBe(0);
    expect(second.body.errors).toEqual([
      expect.stringMatching(
        new RegExp(`^${file.replace(/\./g, '\\.')}: .*${BACKDATED}.*${seen}`),
      ),
    ]);
    expect(text(file)).toContain(seen);
    expect(text(file)).not.toContain(BACKDATED);
  });

  it('archives nothing when the catalog answers without entities, and archives one image of four', async () => {
    const names = ['alpha', 'beta', 'delta', 'gamma'];
    await startGithub(names);
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    const all = await start(
      names.map(n => component(n)),
      'all',
    );
    const first = await all.refresh();
    expect(first.body).toMatchObject({ errors: [] });
    const warehouses = list('manifests/warehouses');
    expect(warehouses).toEqual(
      expect.arrayContaining(names.map(n => `${n}.yaml`)),
    );
    const before = bed.fixture().tree();

    // A permission change: the catalog lists nothing.
    const empty = await start([], 'empty');
    const refused = await empty.refresh();
    expect(refused.run?.status).toBe('succeeded');
    expect(refused.body.commit).toBeNull();
    expect(refused.body.errors).toEqual([
      expect.stringMatching(
        /would archive 4 of the 4 active images.*nothing was archived/,
      ),
    ]);
    expect(bed.fixture().tree()).toEqual(before);
    expect(list('manifests/warehouses')).toEqual(warehouses);

    // One entity of four gone: that is archived as usual.
    const three = await start(
      ['alpha', 'beta', 'gamma'].map(n => component(n)),
      'three',
    );
    const archived = await three.refresh();
    expect(archived.body).toMatchObject({ errors: [] });
    expect(archived.body.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(list('state/_archive/images')).toEqual(['delta.yaml']);
    expect(list('manifests/warehouses')).toEqual(
      warehouses.filter(w => w !== 'delta.yaml'),
    );
  });

  it('shows an image whose state file is invalid as blocked by that file', async () => {
    await startGithub(['payments', 'web']);
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    const api = await start([component('payments'), component('web')], 'a');
    expect((await api.refresh()).body).toMatchObject({ errors: [] });
    bed.pushAsOtherWriter(
      'other',
      { [PAYMENTS]: `${text(PAYMENTS)}copy: &c {a: [1, 2]}\nagain: *c\n` },
      'A hand edit',
    );

    const second = await api.refresh();
    expect(second.body.errors).toEqual([
      expect.stringMatching(/^state\/images\/payments\.yaml: /),
    ]);

    const payments = (await api.get('/images/default/component/payments')).body;
    expect(payments.eligibility.state).toBe('blocked');
    expect(payments.eligibility.reasons).toEqual([
      expect.stringMatching(
        /^The state file state\/images\/payments\.yaml is invalid .*must be fixed/,
      ),
    ]);
    const web = (await api.get('/images/default/component/web')).body;
    expect(web.eligibility.state).not.toBe('blocked');
  });

  it('reports a state file that is not UTF-8 and keeps its bytes', async () => {
    await startGithub(['payments', 'web']);
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    await bed.registry().pushImage('library/nginx', '1.27', { content: 'one' });
    const api = await start([component('payments'), component('web')], 'a');
    expect((await api.refresh()).body).toMatchObject({ errors: [] });

    // Latin-1 bytes in a comment: a lossy decoding would still parse.
    const hostile = Buffer.concat([
      bytes(PAYMENTS),
      Buffer.from([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0x0a]),
    ]);
    bed.pushAsOtherWriter('other', { [PAYMENTS]: hostile }, 'A Latin-1 edit');
    await bed.registry().pushImage('library/node', '22', { content: 'two' });

    const second = await api.refresh();
    expect(second.body.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(second.body.errors).toEqual([
      expect.stringMatching(/^state\/images\/payments\.yaml: .*UTF-8/),
    ]);
    expect(bytes(PAYMENTS).equals(hostile)).toBe(true);

    const third = await api.refresh();
    expect(third.body).toMatchObject({
      commit: null,
      errors: second.body.errors,
    });
    expect(bytes(PAYMENTS).equals(hostile)).toBe(true);
  });
});
