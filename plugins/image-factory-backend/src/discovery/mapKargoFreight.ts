import { parseImageReference } from '@image-factory/backstage-plugin-image-factory-common';
import { normalizeRegistryHost } from '@image-factory/backstage-plugin-image-factory-common';
import { DiscoveredFreight } from './types';

/**
 * Freight discovered in a Kargo `Freight` object, with the object it came from.
 *
 * @public
 */
export interface DiscoveredKargoFreight extends DiscoveredFreight {
  source: 'kargo';
  /** The `Freight` object's name. */
  freightName: string;
  /** The Warehouse that produced it (`origin.name`), when its origin is a Warehouse. */
  warehouse?: string;
}

/**
 * Maps one Kargo `Freight` object (`kargo.akuity.io/v1alpha1`) onto freight records,
 * one per image it carries. Kargo keeps the images at the top level
 * (`images: [{ repoURL, tag, digest }]`, with `origin: { kind: Warehouse, name }`);
 * `spec.images` is read as well for objects written in the older nested shape.
 * Images without a tag or digest, or with an unreadable `repoURL`, are reported in
 * `skipped` rather than guessed at.
 */
export function mapKargoFreight(object: unknown): {
  records: DiscoveredKargoFreight[];
  skipped: string[];
} {
  const freight = (object ?? {}) as {
    metadata?: { name?: unknown; creationTimestamp?: unknown };
    origin?: { kind?: unknown; name?: unknown };
    images?: unknown;
    spec?: { images?: unknown };
  };
  const name =
    typeof freight.metadata?.name === 'string'
      ? freight.metadata.name
      : '(unnamed)';
  const created =
    typeof freight.metadata?.creationTimestamp === 'string'
      ? new Date(freight.metadata.creationTimestamp)
      : undefined;
  if (!created || Number.isNaN(created.getTime())) {
    return {
      records: [],
      skipped: [`Freight ${name} has no creationTimestamp`],
    };
  }
  const warehouse =
    freight.origin?.kind === 'Warehouse' &&
    typeof freight.origin.name === 'string'
      ? freight.origin.name
      : undefined;
  const images = Array.isArray(freight.images)
    ? freight.images
    : nestedImages(freight.spec?.images);

  const records: DiscoveredKargoFreight[] = [];
  const skipped: string[] = [];
  for (const image of images as unknown[]) {
    const { repoURL, tag, digest } = (image ?? {}) as Record<string, unknown>;
    if (
      typeof repoURL !== 'string' ||
      typeof tag !== 'string' ||
      !tag ||
      typeof digest !== 'string' ||
      !digest
    ) {
      skipped.push(
        `Freight ${name} has an image without repoURL, tag and digest`,
      );
      continue;
    }
    let registry: string;
    let repository: string;
    try {
      ({ registry, repository } = parseImageReference(repoURL));
    } catch (error) {
      skipped.push(
        `Freight ${name} has an unreadable repoURL: ${
          (error as Error).message
        }`,
      );
      continue;
    }
    records.push({
      registry: normalizeRegistryHost(registry),
      repository,
      tag,
      digest,
      firstSeen: created,
      source: 'kargo',
      freightName: name,
      ...(warehouse ? { warehouse } : {}),
    });
  }
  return { records, skipped };
}

function nestedImages(images: unknown): unknown[] {
  return Array.isArray(images) ? images : [];
}
