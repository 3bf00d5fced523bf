import { parseImageReference } from '../references';

/**
 * `registry/repository` of a reference, in one form however it was written
 * (`acme/base` is `docker.io/acme/base`); a reference that does not parse
 * stands for itself.
 */
export function repositoryOf(ref: string): string {
  try {
    const parsed = parseImageReference(ref);
    return `${parsed.registry}/${parsed.repository}`;
  } catch {
    return ref;
  }
}
