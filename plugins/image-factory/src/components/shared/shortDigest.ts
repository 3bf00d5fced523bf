/** `sha256:0123456789ab…` shortened to the algorithm and 12 hex characters. */
export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.includes(':')
    ? digest.split(':', 2)
    : ['', digest];
  const short = hex.slice(0, 12);
  return algorithm ? `${algorithm}:${short}` : short;
}

/**
 * A pullable reference pinned to a digest. The tag stays for readers; Docker
 * resolves by the digest.
 */
export function pinnedReference(ref: string, digest: string): string {
  const withoutDigest = ref.split('@')[0];
  return `${withoutDigest}@${digest}`;
}
