import { PermissionsService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { pluginTestBed } from './__testUtils__/pluginTestBed';

/**
 * The policy a platform team writes with the catalog's `isEntityOwner`:
 * rebuilds of an image are for the owners of its entity, everything else is
 * allowed. It decides here what the catalog's rule would for these entities.
 */
function ownersMayRebuild(entities: Entity[]): PermissionsService {
  const owners = new Map(
    entities.map(e => [stringifyEntityRef(e), e.spec?.owner]),
  );
  return {
    async authorize(requests, options) {
      const user = (options.credentials.principal as { userEntityRef?: string })
        .userEntityRef;
      return requests.map(request => {
        const resourceRef = (request as { resourceRef?: string }).resourceRef;
        const rebuild = request.permission.name.startsWith(
          'image-factory.rebuild.',
        );
        const allowed =
          !rebuild ||
          (resourceRef !== undefined && owners.get(resourceRef) === user);
        return {
          result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        };
      });
    },
    async authorizeConditional() {
      throw new Error('the Image Factory asks for definitive decisions');
    },
  };
}

// The whole plugin on a real registry, real git and SQLite; a local server
// speaking GitHub's documented REST endpoints stands in for GitHub.
describe('imageFactoryPlugin permissions on catalog entities', () => {
  const bed = pluginTestBed();
  beforeEach(() => bed.useGithub({ repositories: ['payments'] }));

  it('lets owners rebuild their own image, refuses others with 403, and hides it, in lists too, from who may not read it', async () => {
    const payments = bed.githubComponent({
      name: 'payments',
      delay: '0',
      annotations: { 'image-factory.io/auto-rebuild': 'false' },
    });
    payments.spec = { ...payments.spec, owner: 'user:default/alice' };
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    const api = await bed.start({
      entities: [payments],
      permissions: ownersMayRebuild([payments]),
      hiddenFrom: { 'user:default/carol': ['component:default/payments'] },
      imageFactory: { defaults: { coordinationWindow: '0' } },
    });
    expect((await api.refresh()).run?.status).toBe('succeeded');
    await bed.registry().pushImage('library/node', '22', { content: 'two' });
    expect((await api.refresh()).run?.status).toBe('succeeded');
    const route = '/images/default/component/payments';

    const bob = await api.as('user:default/bob').post(`${route}/rebuild`, {});
    const carolReads = await api.as('user:default/carol').get(route);
    const carolRebuilds = await api
      .as('user:default/carol')
      .post(`${route}/rebuild`, {});
    const unknown = await api
      .as('user:default/carol')
      .get('/images/default/component/nope');
    const alice = await api
      .as('user:default/alice')
      .post(`${route}/rebuild`, {});

    expect(bob.status).toBe(403);
    expect(bob.body.error.message).toBe(
      'Not allowed: image-factory.rebuild.create',
    );
    expect(carolReads.status).toBe(404);
    expect(carolRebuilds.status).toBe(404);
    // Hidden and not enrolled read the same, so nothing is revealed.
    expect(carolReads.body.error.message).toBe(
      unknown.body.error.message.replace('nope', 'payments'),
    );
    expect((await api.as('user:default/bob').get(route)).status).toBe(200);
    // Nor do the lists show carol the image, or name it as a dependent.
    const carol = api.as('user:default/carol');
    expect((await carol.get('/images')).body).toMatchObject({
      totalCount: 0,
      items: [],
    });
    expect((await carol.get('/graph')).body).toMatchObject({
      totalImageCount: 0,
      nodes: [],
    });
    const bases = (await carol.get('/base-images')).body.items;
    expect(bases.map((b: { dependents: string[] }) => b.dependents)).toEqual([
      [],
    ]);
    expect(
      (await carol.get(`/base-images/${bases[0].name}`)).body.dependents,
    ).toEqual([]);
    expect(
      (await api.as('user:default/bob').get('/images')).body.totalCount,
    ).toBe(1);
    expect(alice.status).toBe(201);
    expect(bed.github().runs.map(r => r.repository)).toEqual(['acme/payments']);
  });
});
