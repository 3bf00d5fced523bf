import { Entity } from '@backstage/catalog-model';
import { pluginTestBed } from '../__testUtils__/pluginTestBed';

const PAYMENTS = 'state/images/payments.yaml';

// The whole plugin on a real bare git repository in which another writer
// corrupts one state file between two runs.
describe('Pipeline with an invalid state file', () => {
  const bed = pluginTestBed({
    createStateRepository: true,
    timeoutMs: 120_000,
  });

  const component = (name: string, dockerfile: string) =>
    bed.fileComponent({
      name,
      dockerfile,
      annotations: {
        'image-factory.io/image': `${bed.registry().host}/acme/${name}`,
      },
    });

  async function start(entities: Entity[]) {
    const api = await bed.start({ entities });
    return api.refresh;
  }

  /** A file at the head of the remote branch, byte for byte. */
  const bytes = (path: string) => bed.stateBytes(path);

  it('keeps the file byte for byte, reports it by path and commits the other changes', async () => {
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    await bed.registry().pushImage('library/nginx', '1.27', { content: 'one' });
    const refresh = await start([
      component('payments', `FROM ${bed.registry().host}/library/node:22\n`),
      component('web', `FROM ${bed.registry().host}/library/nginx:1.27\n`),
    ]);
    const first = await refresh();
    expect(first.body).toMatchObject({ errors: [] });
    expect(first.body.commit).toMatch(/^[0-9a-f]{40}$/);

    const original = bytes(PAYMENTS).toString('utf8');
    const hostile = `${original}copy: &c {a: [1, 2]}\nagain: *c\n`;
    bed.pushAsOtherWriter('other', { [PAYMENTS]: hostile }, 'A hand edit');
    const nginx = await bed.registry().pushImage('library/nginx', '1.27', {
      content: 'two',
    });

    const second = await refresh();

    expect(second.run?.status).toBe('succeeded');
    expect(second.body.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(second.body.errors).toEqual([
      expect.stringMatching(
        /^state\/images\/payments\.yaml: line \d+: YAML anchors and aliases are not allowed in a state file$/,
      ),
    ]);
    expect(bytes(PAYMENTS).equals(Buffer.from(hostile, 'utf8'))).toBe(true);
    const baseImages = bed.git(
      'ls-tree',
      '--name-only',
      'main:state/base-images',
    );
    const nginxFile = baseImages
      .split('\n')
      .find(name => name.includes('nginx'))!;
    expect(bytes(`state/base-images/${nginxFile}`).toString('utf8')).toContain(
      nginx,
    );

    // Until the file is fixed, runs change nothing more and keep reporting it.
    const third = await refresh();
    expect(third.body).toMatchObject({
      commit: null,
      errors: second.body.errors,
    });
    expect(bytes(PAYMENTS).equals(Buffer.from(hostile, 'utf8'))).toBe(true);
  });
});
