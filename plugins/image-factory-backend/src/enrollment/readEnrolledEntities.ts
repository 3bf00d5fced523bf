import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ENROLLING_ANNOTATIONS } from '@image-factory/backstage-plugin-image-factory-common';

/**
 * Pages through every catalog entity that carries an enrolling annotation. The
 * filter is an OR over the annotations, so the catalog does the selection and only
 * enrolled entities cross the wire.
 */
export async function readEnrolledEntities(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  /** Only these fields of each entity, e.g. to learn which refs a caller may read. */
  fields?: string[];
}): Promise<Entity[]> {
  const entities: Entity[] = [];
  const pages = options.catalog.streamEntities(
    {
      filter: ENROLLING_ANNOTATIONS.map(annotation => ({
        [`metadata.annotations.${annotation}`]: CATALOG_FILTER_EXISTS,
      })),
      ...(options.fields ? { fields: options.fields } : {}),
    },
    { credentials: options.credentials },
  );
  for await (const page of pages) {
    entities.push(...page);
  }
  return entities;
}
