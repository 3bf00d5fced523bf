import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDockerfileFile } from './readDockerfileFile';

describe('readDockerfileFile', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'image-factory-read-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the whole file as UTF-8', async () => {
    // Larger than one read of fs.readFile's chunks, with multi-byte characters.
    const text = `FROM alpine\n${'# é ✓ 🐳\n'.repeat(70_000)}`;
    await writeFile(join(dir, 'Dockerfile'), text);
    expect(readDockerfileFile(join(dir, 'Dockerfile'))).toEqual({
      ok: true,
      text,
    });
  });

  it('reads an empty file as empty', async () => {
    await writeFile(join(dir, 'empty'), '');
    expect(readDockerfileFile(join(dir, 'empty'))).toEqual({
      ok: true,
      text: '',
    });
  });

  it('refuses a file over the size limit with status 1', async () => {
    await writeFile(join(dir, 'huge'), 'x'.repeat(1024 * 1024 + 1));
    expect(readDockerfileFile(join(dir, 'huge'))).toEqual({
      ok: false,
      status: 1,
      error: 'the Dockerfile is larger than 1048576 bytes',
    });
  });

  it.each([
    ['missing', 'no such file'],
    ['folder', 'is a directory'],
  ])('refuses %s with status 2', async (name, error) => {
    await mkdir(join(dir, 'folder'));
    expect(readDockerfileFile(join(dir, name))).toEqual({
      ok: false,
      status: 2,
      error,
    });
  });

  it('refuses a device rather than reading it', () => {
    expect(readDockerfileFile('/dev/zero')).toEqual({
      ok: false,
      status: 2,
      error: 'is not a regular file',
    });
  });

  it('refuses a FIFO at once instead of waiting for a writer', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(readDockerfileFile(fifo)).toEqual({
      ok: false,
      status: 2,
      error: 'is not a regular file',
    });
  });

  // Linux's /proc files are regular files whose size reads as 0.
  (process.platform === 'linux' ? describe : describe.skip)('on Linux', () => {
    it('reads a file whose size is not known in advance to its end', () => {
      const file = readDockerfileFile('/proc/self/status');
      expect(file.ok && file.text).toMatch(/^Name:/);
    });
  });
});
