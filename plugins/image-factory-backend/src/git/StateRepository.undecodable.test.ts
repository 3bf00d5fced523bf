import { mockServices } from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import { ensureLocalBareRepository } from './ensureLocalBareRepository';
import { StateRepository } from './StateRepository';
import { GitFixture } from './__testUtils__/gitFixture';

// Real git processes; the machine may be busy.
jest.setTimeout(60_000);

const PATH = 'state/images/payments.yaml';
// "café" in Latin-1, then a lone 0xff: not UTF-8.
const LATIN1 = Buffer.from([
  0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a, 0xff, 0x0a,
]);

describe('StateRepository with a file that is not UTF-8', () => {
  let fixture: GitFixture;

  beforeEach(async () => {
    fixture = new GitFixture();
    await ensureLocalBareRepository(fixture.remote, 'main');
  });
  afterEach(() => fixture.cleanup());

  const blob = (path: string): Buffer =>
    execFileSync(
      'git',
      ['--git-dir', fixture.remote, 'cat-file', 'blob', `main:${path}`],
      { env: fixture.env() },
    );

  it('reports the file, never decodes it with replacement characters, and writes it back byte for byte', async () => {
    fixture.pushFrom(
      fixture.clone('other'),
      {
        [PATH]: LATIN1,
        'state/images/web.yaml': '\ufeffkind: managed # caf\u00e9\n',
      },
      'Hand edits',
    );
    const repo = await StateRepository.create({
      url: fixture.remote,
      branch: 'main',
      author: { name: 'Image Factory', email: 'factory@example.com' },
      workDir: fixture.workDir('factory'),
      logger: mockServices.logger.mock(),
    });

    const snapshot = await repo.read();
    expect(snapshot.undecodable).toEqual(new Set([PATH]));
    expect(snapshot.files.get(PATH)).not.toContain('\ufffd');
    expect(Buffer.from(snapshot.files.get(PATH)!, 'latin1')).toEqual(LATIN1);
    // Valid UTF-8 reads as before, byte order mark included.
    expect(snapshot.files.get('state/images/web.yaml')).toBe(
      '\ufeffkind: managed # caf\u00e9\n',
    );

    const result = await repo.write({
      files: new Map([
        [PATH, snapshot.files.get(PATH)!],
        ['state/images/web.yaml', 'kind: managed\n'],
      ]),
      message: 'Keep the invalid file',
      parent: snapshot.head,
      previous: snapshot.files,
    });
    expect(result.committed).toBe(true);
    expect(blob(PATH).equals(LATIN1)).toBe(true);
    expect(blob('state/images/web.yaml').toString('utf8')).toBe(
      'kind: managed\n',
    );

    // Other text at that path is written as UTF-8, as any file.
    const next = await repo.read();
    await repo.write({
      files: new Map([[PATH, 'kind: caf\u00e9\n']]),
      message: 'Fix it',
      parent: next.head,
      previous: next.files,
    });
    expect(blob(PATH).toString('utf8')).toBe('kind: caf\u00e9\n');
    expect((await repo.read()).undecodable).toEqual(new Set());
  });
});
