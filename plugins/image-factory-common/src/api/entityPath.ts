import { parseEntityRef } from '@backstage/catalog-model';

/**
 * The path parameters of an image's routes (`/images/{namespace}/{kind}/{name}`)
 * for an entity ref, as the catalog's routes spell them.
 *
 * @public
 */
export function imagePathOf(entityRef: string): {
  namespace: string;
  kind: string;
  name: string;
} {
  const { namespace, kind, name } = parseEntityRef(entityRef);
  return { namespace, kind, name };
}
