import {
  formatImageReference,
  parseImageReference,
  type ImageReference,
} from '../references';

/**
 * Whether the text itself writes a tag or a digest (parsing defaults a missing
 * tag to `latest`, so the parsed reference cannot tell).
 */
export function hasTagOrDigest(text: string): boolean {
  const lastSegment = text.slice(text.lastIndexOf('/') + 1);
  return text.includes('@') || lastSegment.includes(':');
}

/**
 * Parses a reference written in state, keeping `tag: null` when none is
 * written (a managed image's repository).
 */
export function parseStateRef(text: string): ImageReference {
  const ref = parseImageReference(text);
  return hasTagOrDigest(text) ? ref : { ...ref, tag: null, digest: null };
}

/**
 * The reference that is monitored for a use of an image: the tag when there is
 * one (a pinned digest is watched through its tag), else the digest.
 */
export function monitorRef(ref: ImageReference): ImageReference {
  return ref.tag ? { ...ref, digest: null } : ref;
}

/** {@link monitorRef}, formatted: the key of a {@link TrackedImage}. */
export function monitorKey(ref: ImageReference): string {
  return formatImageReference(monitorRef(ref));
}

/** The repository of a reference, formatted without tag or digest. */
export function repositoryKey(ref: ImageReference): string {
  return formatImageReference({ ...ref, tag: null, digest: null });
}

/** {@link parseStateRef}, or `undefined` for a reference that does not parse. */
export function tryParseStateRef(text: string): ImageReference | undefined {
  try {
    return parseStateRef(text);
  } catch {
    return undefined;
  }
}
