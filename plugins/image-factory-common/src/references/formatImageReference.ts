import type { ImageReference } from './types';

/**
 * Formats a reference in canonical form: `registry/repository[:tag][@digest]`,
 * e.g. `docker.io/library/node:22-bookworm-slim`.
 *
 * @remarks
 * The parts are written as given; pass a reference from
 * {@link parseImageReference} to get Docker's normalized form. Formatting a parsed
 * reference and parsing the result gives the same reference back.
 *
 * @public
 */
export function formatImageReference(ref: ImageReference): string {
  const tag = ref.tag === null ? '' : `:${ref.tag}`;
  const digest = ref.digest === null ? '' : `@${ref.digest}`;
  return `${ref.registry}/${ref.repository}${tag}${digest}`;
}
