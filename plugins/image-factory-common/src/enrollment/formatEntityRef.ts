/**
 * Writes an entity reference the way Backstage's `stringifyEntityRef` does:
 * `kind:namespace/name` with kind and namespace in lower case, namespace
 * `default` when the entity has none.
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
