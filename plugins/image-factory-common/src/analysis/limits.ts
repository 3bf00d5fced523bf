/**
 * Largest Dockerfile {@link analyzeDockerfile} accepts, in UTF-8 bytes (1 MiB).
 * Real Dockerfiles are a few kilobytes; the cap keeps the parser's time bounded.
 *
 * @public
 */
export const DOCKERFILE_MAX_BYTES = 1024 * 1024;

/** Deepest nesting of `${…}` inside a substitution's default or alternative. */
export const EXPANSION_MAX_DEPTH = 32;

/** Longest value one variable expansion may produce. */
export const EXPANSION_MAX_LENGTH = 4096;

/**
 * Total characters all expansions of one Dockerfile may produce, so that chains
 * of ARGs doubling each other stay cheap.
 */
export const EXPANSION_BUDGET = 4 * DOCKERFILE_MAX_BYTES;

/**
 * Whether a text is larger than `maxBytes` once UTF-8 encoded, without encoding
 * it (no Node Buffer: this also runs in the browser).
 */
export function exceedsUtf8Bytes(text: string, maxBytes: number): boolean {
  // Every UTF-16 unit takes at least one byte and at most three.
  if (text.length > maxBytes) {
    return true;
  }
  if (text.length * 3 <= maxBytes) {
    return false;
  }
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      bytes += 1;
    } else if (code < 0x800) {
      bytes += 2;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair is four bytes for two units.
      bytes += 2;
    } else {
      bytes += code >= 0xdc00 && code <= 0xdfff ? 2 : 3;
    }
    if (bytes > maxBytes) {
      return true;
    }
  }
  return false;
}
