import { repositoryOf } from '../status/repositoryOf';

const DOCKER_PURL = 'pkg:docker/';

/**
 * `registry/repository` of a provenance material's package URL
 * (`pkg:docker/docker.io/library/node@22?platform=linux%2Famd64`, or the
 * short `pkg:docker/node@22`); undefined for anything that is not an image.
 *
 * @public
 */
export function repositoryOfMaterial(uri: string): string | undefined {
  if (!uri.startsWith(DOCKER_PURL)) return undefined;
  const name = uri.slice(DOCKER_PURL.length).split(/[@?#]/)[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    return undefined;
  }
  return decoded ? repositoryOf(decoded) : undefined;
}
