/**
 * The entity ref an image is enrolled and stored under: `kind:namespace/name`
 * with kind and namespace in lower case and namespace `default` when the
 * entity has none, like Backstage's `stringifyEntityRef`, but with the name as
 * the entity writes it (`stringifyEntityRef` lower-cases it too). Every state
 * file and status carries refs of this form; they are compared without regard
 * to case, as the catalog compares them (docs/design-decisions.md, "Entity
 * refs keep the name's case").
 *
 * @public
 */
export function formatEntityRef(entity: {
  kind: string;
  metadata: { name: string; namespace?: string };
}): string {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const namespace = (entity.metadata.namespace ?? 'default').toLocaleLowerCase(
    'en-US',
  );
  return `${kind}:${namespace}/${entity.metadata.name}`;
}
