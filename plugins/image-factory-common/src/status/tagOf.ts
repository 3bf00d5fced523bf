import { parseImageReference } from '../references';

/**
 * The tag of an image reference, as a base image's `tag` says it: empty for a
 * reference pinned by digest alone, or one that does not parse.
 *
 * @public
 */
export function tagOf(ref: string): string {
  try {
    return parseImageReference(ref).tag ?? '';
  } catch {
    return '';
  }
}
