import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';

// A Dockerfile read never costs more than its limit, whatever the source says
// of its size: files under /proc report 0 bytes, a FIFO or an HTTP body may
// never end. Both read one byte past the limit, so callers can tell "too large".

/**
 * Reads from the handle's current position until end of file or `maxBytes + 1`
 * bytes, whichever comes first, so a caller can tell "over the limit" without
 * trusting the size the file reports (files under `/proc` report 0).
 */
export async function readHandleAtMost(
  handle: FileHandle,
  maxBytes: number,
): Promise<Buffer> {
  const buffer = Buffer.alloc(maxBytes + 1);
  let length = 0;
  while (length < buffer.length) {
    const { bytesRead } = await handle.read(
      buffer,
      length,
      buffer.length - length,
      null,
    );
    if (bytesRead === 0) {
      break;
    }
    length += bytesRead;
  }
  return buffer.subarray(0, length);
}

/**
 * Reads a stream until it ends or `maxBytes + 1` bytes have come, then destroys
 * it, so an endless body costs no more than the limit.
 */
export async function readStreamAtMost(
  stream: Readable,
  maxBytes: number,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      chunks.push(bytes);
      length += bytes.length;
      if (length > maxBytes) {
        break;
      }
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, maxBytes + 1);
}
