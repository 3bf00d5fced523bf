/**
 * `sha256:0123456789abcdef…` shortened to the algorithm and 12 hex characters,
 * enough to tell digests apart in a sentence or a table. A bare hex string is
 * shortened to its first 12 characters.
 *
 * @public
 */
export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.includes(':')
    ? digest.split(':', 2)
    : ['', digest];
  const short = hex.slice(0, 12);
  return algorithm ? `${algorithm}:${short}` : short;
}
