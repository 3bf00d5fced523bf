import type { DockerfileReadResult } from './DockerfileReader';

// Results shared by the url: and file: reads.

/** A failed read. */
export function failed(error: string): DockerfileReadResult {
  return { status: 'failed', error };
}

/** Why a Dockerfile over the limit is refused. */
export function tooLarge(max: number, size?: number) {
  return size === undefined
    ? `Dockerfile is more than the limit of ${max} bytes`
    : `Dockerfile is ${size} bytes, more than the limit of ${max} bytes`;
}

/** The read bytes as text, or a failure when they are more than `maxBytes`. */
export function decodeDockerfile(
  buffer: Buffer,
  maxBytes: number,
  etag?: string,
): DockerfileReadResult {
  if (buffer.length > maxBytes) {
    return failed(tooLarge(maxBytes));
  }
  return { status: 'read', content: buffer.toString('utf8'), etag };
}
