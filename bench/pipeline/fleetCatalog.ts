import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

const PAGE = 500;

/**
 * The catalog as the plugin asks it, over a fixed fleet: `streamEntities` with
 * an OR of annotations that must exist, and `getEntityByRef`. Backstage's
 * in-memory catalog double builds a search index of every entity on every
 * query, which at 10,000 entities would be most of what the figures measure;
 * a real catalog answers these from its database. Another method, or another
 * filter, fails: the bench cannot measure what it does not answer.
 */
export function fleetCatalog(entities: readonly Entity[]): CatalogService {
  const byRef = new Map(
    entities.map(entity => [stringifyEntityRef(entity).toLowerCase(), entity]),
  );
  const matches = (entity: Entity, filter: unknown): boolean => {
    const alternatives = Array.isArray(filter) ? filter : [filter];
    return alternatives.some(alternative =>
      Object.entries(alternative as Record<string, unknown>).every(
        ([key, value]) => {
          const prefix = 'metadata.annotations.';
          if (!key.startsWith(prefix) || value !== CATALOG_FILTER_EXISTS) {
            throw new Error(`fleetCatalog answers no filter on ${key}`);
          }
          return (
            entity.metadata.annotations?.[key.slice(prefix.length)] !==
            undefined
          );
        },
      ),
    );
  };
  const answered = {
    async *streamEntities(request?: { filter?: unknown }) {
      const selected = entities.filter(
        entity =>
          request?.filter === undefined || matches(entity, request.filter),
      );
      for (let i = 0; i < selected.length; i += PAGE) {
        yield selected.slice(i, i + PAGE);
      }
    },
    async getEntityByRef(ref: string) {
      return byRef.get(ref.toLowerCase());
    },
  };
  return answered as unknown as CatalogService;
}
