import { Entity } from '@backstage/catalog-model';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  OciRegistry,
  startOciRegistry,
} from '../__testUtils__/startOciRegistry';
import { ensureLocalBareRepository } from '../git/ensureLocalBareRepository';
import { GitFixture } from '../git/__testUtils__/gitFixture';
import { fileComponent } from '../__testUtils__/catalogComponent';
import { startPluginBackend } from '../__testUtils__/startPluginBackend';

// Real git processes and a real registry; the machine may be busy.
jest.setTimeout(120_000);

const PAYMENTS = 'state/images/payments.yaml';

// The whole plugin on a real bare git repository in which another writer
// corrupts one state file between two runs.
describe('Pipeline with an invalid state file', () => {
  let registry: OciRegistry;
  let fixture: GitFixture;

  beforeAll(async () => {
    registry = await startOciRegistry();
  });
  afterAll(() => registry.stop());
  beforeEach(async () => {
    fixture = new GitFixture();
    await ensureLocalBareRepository(fixture.remote, 'main');
  });
  afterEach(() => fixture.cleanup());

  const component = (name: string, dockerfile: string) =>
    fileComponent({
      folder: join(fixture.root, 'entities', name),
      name,
      dockerfile,
      annotations: {
        'image-factory.io/image': `${registry.host}/acme/${name}`,
      },
    });

  async function start(entities: Entity[]) {
    const api = await startPluginBackend({
      entities,
      registryHost: registry.host,
      workDir: join(fixture.root, 'work'),
      stateRepository: fixture.remote,
    });
    return api.refresh;
  }

  /** A file at the head of the remote branch, byte for byte. */
  const bytes = (path: string): Buffer =>
    execFileSync(
      'git',
      ['--git-dir', fixture.remote, 'cat-file', 'blob', `main:${path}`],
      { env: fixture.env() },
    );

  it('keeps the file byte for byte, reports it by path and commits the other changes', async () => {
    await registry.pushImage('library/node', '22', { content: 'one' });
    await registry.pushImage('library/nginx', '1.27', { content: 'one' });
    const refresh = await start([
      component('payments', `FROM ${registry.host}/library/node:22\n`),
      component('web', `FROM ${registry.host}/library/nginx:1.27\n`),
    ]);
    const first = await refresh();
    expect(first.body).toMatchObject({ errors: [] });
    expect(first.body.commit).toMatch(/^[0-9a-f]{40}$/);

    const original = bytes(PAYMENTS).toString('utf8');
    const hostile = `${original}copy: &c {a: [1, 2]}\nagain: *c\n`;
    fixture.pushFrom(
      fixture.clone('other'),
      { [PAYMENTS]: hostile },
      'A hand edit',
    );
    const nginx = await registry.pushImage('library/nginx', '1.27', {
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
    const baseImages = execFileSync(
      'git',
      [
        '--git-dir',
        fixture.remote,
        'ls-tree',
        '--name-only',
        'main:state/base-images',
      ],
      { env: fixture.env(), encoding: 'utf8' },
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
