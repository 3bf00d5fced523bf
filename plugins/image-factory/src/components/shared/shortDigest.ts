export { shortDigest } from '@image-factory/backstage-plugin-image-factory-common';

/**
 * A pullable reference pinned to a digest. The tag stays for readers; Docker
 * resolves by the digest.
 */
export function pinnedReference(ref: string, digest: string): string {
  const withoutDigest = ref.split('@')[0];
  return `${withoutDigest}@${digest}`;
}
