import { pluginTestBed } from './__testUtils__/pluginTestBed';

// The whole plugin checking what a rebuild pushed, on a real OCI registry, a
// real git state repository and SQLite. GitHub cannot run here: a local
// stand-in records the dispatches, and the test plays CI, ending the run and
// pushing the image a build would have pushed.
describe('imageFactoryPlugin verifying rebuilds', () => {
  const bed = pluginTestBed();

  it('keeps an image stale when its rebuild stayed on the old base, and moves it once one is verified', async () => {
    const github = await bed.useGithub({ repositories: ['payments'] });
    const registry = bed.registry();
    const node = `${registry.host}/library/node:22`;
    const node1 = await registry.pushImage('library/node', '22', {
      content: 'node 1',
    });
    const api = await bed.start({
      entities: [bed.githubComponent({ name: 'payments', delay: '0' })],
      imageFactory: { defaults: { coordinationWindow: '0' } },
    });
    const status = async () =>
      (await api.get('/images/default/component/payments')).body;
    await api.refresh();
    const node2 = await registry.pushImage('library/node', '22', {
      content: 'node 2',
    });
    await api.refresh();
    expect(github.runs).toHaveLength(1);

    // The run succeeds, but a cached layer kept it on node 1.
    github.runs[0].status = 'completed';
    github.runs[0].conclusion = 'success';
    await registry.pushImage('acme/payments', 'latest', {
      on: { repository: 'library/node', tag: node1 },
    });
    await api.refresh();
    const mismatched = await status();
    expect(mismatched.rebuilds[0]).toMatchObject({
      status: 'completed',
      conclusion: 'success',
      verification: {
        outcome: 'mismatch',
        baseImages: [
          { ref: node, outcome: 'mismatch', method: 'layers', digest: node1 },
        ],
      },
    });
    expect(mismatched.baseImages[0].builtDigest).toBe(node1);
    // Still stale; the retry waits out the failed-rebuild backoff rather
    // than sending the same build again at once.
    expect(mismatched.eligibility.state).toBe('failed');
    expect(mismatched.eligibility.reasons[0]).toContain(
      `Rebuilt, but still on ${node1.slice(0, 19)} of ${node}`,
    );
    expect(github.runs).toHaveLength(1);
    expect(bed.stateFile('state/images/payments.yaml')).toContain(
      'outcome: mismatch',
    );

    // The owner fixes the workflow and asks again: this build says what it
    // is on, and the image moves.
    const asked = await api.post(
      '/images/default/component/payments/rebuild',
      {},
    );
    expect(asked.status).toBe(201);
    expect(github.runs).toHaveLength(2);
    github.runs[1].status = 'completed';
    github.runs[1].conclusion = 'success';
    await registry.pushImage('acme/payments', 'latest', {
      annotations: {
        'org.opencontainers.image.base.name': node,
        'org.opencontainers.image.base.digest': node2,
      },
    });
    await api.refresh();
    const verified = await status();
    expect(verified.rebuilds[0].verification).toMatchObject({
      outcome: 'verified',
      baseImages: [{ method: 'annotations', digest: node2 }],
    });
    expect(verified.baseImages[0].builtDigest).toBe(node2);
    expect(verified.eligibility.state).toBe('up-to-date');
  });

  it('starts a newly enrolled image on what its own metadata says it was built on', async () => {
    await bed.useGithub({ repositories: ['payments', 'orders'] });
    const registry = bed.registry();
    const node = `${registry.host}/library/node:22`;
    const node1 = await registry.pushImage('library/node', '22', {
      content: 'node 1',
    });
    await registry.pushImage('library/node', '22', { content: 'node 2' });
    // Payments was last built on node 1 and says so; orders says nothing.
    await registry.pushImage('acme/payments', 'latest', {
      labels: {
        'org.opencontainers.image.base.name': node,
        'org.opencontainers.image.base.digest': node1,
      },
    });
    await registry.pushImage('acme/orders', 'latest');
    const api = await bed.start({
      entities: [
        bed.githubComponent({ name: 'payments', delay: '7d' }),
        bed.githubComponent({ name: 'orders', delay: '7d' }),
      ],
    });
    await api.refresh();
    const payments = (await api.get('/images/default/component/payments')).body;
    expect(payments.baseImages[0].builtDigest).toBe(node1);
    expect(payments.eligibility.state).toBe('pending');
    const orders = (await api.get('/images/default/component/orders')).body;
    expect(orders.eligibility.state).toBe('up-to-date');
  });
});
