import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** A gzipped tar layer and the digest of its uncompressed tar (the image config's diff ID). */
export interface ImageLayer {
  blob: Buffer;
  diffId: string;
}

const BLOCK = 512;

/**
 * Builds a real, tiny image layer: a ustar archive holding one file, gzipped. The
 * bytes depend only on the arguments (fixed mtime, gzip without a timestamp), so
 * pushing the same content twice gives the same digests.
 */
export function createImageLayer(
  fileName: string,
  content: string,
): ImageLayer {
  const data = Buffer.from(content, 'utf8');
  const header = Buffer.alloc(BLOCK, 0);
  const field = (offset: number, length: number, value: string) =>
    header.write(value, offset, length, 'ascii');
  const octal = (value: number, length: number) =>
    value.toString(8).padStart(length - 1, '0');
  field(0, 100, fileName);
  field(100, 8, octal(0o644, 8));
  field(108, 8, octal(0, 8));
  field(116, 8, octal(0, 8));
  field(124, 12, octal(data.length, 12));
  field(136, 12, octal(0, 12));
  field(148, 8, ' '.repeat(8));
  field(156, 1, '0');
  field(257, 6, 'ustar');
  field(263, 2, '00');
  // The checksum is the byte sum of the header with its own field read as spaces.
  let sum = 0;
  for (const byte of header) {
    sum += byte;
  }
  field(148, 8, `${octal(sum, 7)}\0 `);
  const padding = Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK, 0);
  const tar = Buffer.concat([
    header,
    data,
    padding,
    Buffer.alloc(BLOCK * 2, 0),
  ]);
  return {
    blob: gzipSync(tar),
    diffId: `sha256:${createHash('sha256').update(tar).digest('hex')}`,
  };
}
