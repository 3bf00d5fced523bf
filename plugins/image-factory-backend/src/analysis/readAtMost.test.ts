import { execFileSync, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { readHandleAtMost, readStreamAtMost } from './readAtMost';

// The capped reads on their own, on sources no regular Dockerfile looks like:
// the reader refuses these before reading, so only here can the cap be shown
// to hold by bytes read whatever the source claims or does.
describe('readHandleAtMost', () => {
  it('reads a /proc file that reports size 0 and stops one byte past the limit', async () => {
    const handle = await fs.open('/proc/self/status', 'r');
    try {
      expect((await handle.stat()).size).toBe(0);
      const capped = await readHandleAtMost(handle, 16);
      expect(capped.length).toBe(17);
      expect(capped.toString('utf8')).toMatch(/^Name:/);
    } finally {
      await handle.close();
    }
  });

  it('stops one byte past the limit on a FIFO whose writer never stops', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'read-at-most-'));
    const fifo = path.join(folder, 'pipe');
    execFileSync('mkfifo', [fifo]);
    // `yes` writes until its reader goes away.
    const writer = spawn('sh', ['-c', 'exec yes > "$1"', 'sh', fifo], {
      stdio: 'ignore',
    });
    try {
      const handle = await fs.open(fifo, 'r');
      try {
        const capped = await readHandleAtMost(handle, 100_000);
        expect(capped.length).toBe(100_001);
      } finally {
        await handle.close();
      }
    } finally {
      writer.kill();
      await fs.rm(folder, { recursive: true, force: true });
    }
  });
});

describe('readStreamAtMost', () => {
  it('stops an endless stream one byte past the limit and destroys it', async () => {
    const endless = new Readable({
      read() {
        this.push(Buffer.alloc(10, 'x'));
      },
    });
    const capped = await readStreamAtMost(endless, 25);
    expect(capped.length).toBe(26);
    expect(endless.destroyed).toBe(true);
  });

  it('reads a short stream whole, whatever its chunks are', async () => {
    const short = Readable.from(['FROM ', Buffer.from('node:22\n')]);
    expect((await readStreamAtMost(short, 1000)).toString('utf8')).toBe(
      'FROM node:22\n',
    );
  });
});
