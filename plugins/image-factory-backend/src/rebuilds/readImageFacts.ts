import {
  BuiltPlatformFacts,
  DigestFacts,
  parseImageReference,
  ProvenanceMaterial,
} from '@image-factory/backstage-plugin-image-factory-common';
import type { RegistryClient } from '../discovery';
import { selectPlatformDigests } from '../discovery/selectPlatformDigests';

/** The registry reads a verification makes. */
export type ImageReader = Pick<RegistryClient, 'readManifest' | 'readBlob'>;

const BASE_NAME = 'org.opencontainers.image.base.name';
const BASE_DIGEST = 'org.opencontainers.image.base.digest';
// How BuildKit ties an attestation manifest in an index to its image.
const REFERENCE_TYPE = 'vnd.docker.reference.type';
const REFERENCE_DIGEST = 'vnd.docker.reference.digest';
const PREDICATE_TYPE = 'in-toto.io/predicate-type';
const SLSA_PREFIX = 'https://slsa.dev/provenance/';

interface Descriptor {
  digest?: unknown;
  mediaType?: unknown;
  annotations?: Record<string, unknown>;
}

interface Manifest {
  manifests?: Descriptor[];
  layers?: Descriptor[];
  config?: Descriptor;
  annotations?: Record<string, unknown>;
}

/** What a verification reads of the image behind a tag. */
export interface BuiltImage {
  /** `repository:tag@digest`. */
  image: string;
  /** The newest `created` time of its platforms' configs, when they say. */
  createdAt?: string;
  platforms: BuiltPlatformFacts[];
}

/**
 * Reads the image behind `repository:tag`, for each wanted platform its
 * layers, base image annotations (index, manifest, then config labels) and
 * provenance materials; null when the tag holds nothing.
 */
export async function readBuiltImage(
  registry: ImageReader,
  image: string,
  tag: string,
  platforms: readonly string[],
): Promise<BuiltImage | null> {
  const { registry: host, repository } = parseImageReference(image);
  const at = { registry: host, repository };
  const top = await registry.readManifest({ ...at, reference: tag });
  if (!top) return null;
  const body = top.manifest as Manifest;
  const entries = Array.isArray(body.manifests)
    ? Object.entries(selectPlatformDigests(body, platforms))
    : // One manifest serves whatever platform it was built for.
      platforms.slice(0, 1).map(p => [p, top.digest] as const);
  const facts: BuiltPlatformFacts[] = [];
  let createdAt: string | undefined;
  for (const [platform, digest] of entries) {
    const manifest = (
      digest === top.digest
        ? body
        : (await registry.readManifest({ ...at, reference: digest }))?.manifest
    ) as Manifest | undefined;
    if (!manifest) continue;
    const config = await readConfig(registry, at, manifest);
    if (config.created && (!createdAt || config.created > createdAt)) {
      createdAt = config.created;
    }
    const base =
      baseOf(body.annotations) ??
      baseOf(manifest.annotations) ??
      baseOf(config.labels);
    facts.push({
      platform,
      ...base,
      layers: digestsOf(manifest.layers),
      materials: await readMaterials(registry, at, body, digest),
    });
  }
  return {
    image: `${image}:${tag}@${top.digest}`,
    ...(createdAt && { createdAt }),
    platforms: facts,
  };
}

/**
 * A base image digest as verification compares it: the digest, the
 * manifests of the wanted platforms inside it, and their layers.
 */
export async function readDigestFacts(
  registry: ImageReader,
  ref: string,
  digest: string,
  platforms: readonly string[],
): Promise<DigestFacts | null> {
  const { registry: host, repository } = parseImageReference(ref);
  const at = { registry: host, repository };
  const top = await registry.readManifest({ ...at, reference: digest });
  if (!top) return null;
  const body = top.manifest as Manifest;
  if (!Array.isArray(body.manifests)) {
    const layers = digestsOf(body.layers);
    return {
      digest,
      digests: [digest],
      layers: Object.fromEntries(platforms.map(p => [p, layers])),
    };
  }
  const selected = selectPlatformDigests(body, platforms);
  const layers: Record<string, string[]> = {};
  for (const [platform, child] of Object.entries(selected)) {
    const read = await registry.readManifest({ ...at, reference: child });
    if (read) layers[platform] = digestsOf((read.manifest as Manifest).layers);
  }
  return { digest, digests: [digest, ...Object.values(selected)], layers };
}

function digestsOf(descriptors: unknown): string[] {
  return Array.isArray(descriptors)
    ? descriptors.flatMap((d: Descriptor) =>
        typeof d?.digest === 'string' ? [d.digest] : [],
      )
    : [];
}

function baseOf(
  values: Record<string, unknown> | undefined,
): { baseName?: string; baseDigest?: string } | undefined {
  const digest = values?.[BASE_DIGEST];
  if (typeof digest !== 'string' || !digest) return undefined;
  const name = values?.[BASE_NAME];
  return {
    baseDigest: digest,
    ...(typeof name === 'string' && name ? { baseName: name } : {}),
  };
}

async function readJsonBlob(
  registry: ImageReader,
  at: { registry: string; repository: string },
  digest: unknown,
): Promise<unknown> {
  if (typeof digest !== 'string') return undefined;
  const blob = await registry.readBlob({ ...at, digest });
  if (!blob) return undefined;
  try {
    return JSON.parse(Buffer.from(blob).toString('utf8'));
  } catch {
    // Not JSON: it says nothing, and the other methods still may.
    return undefined;
  }
}

async function readConfig(
  registry: ImageReader,
  at: { registry: string; repository: string },
  manifest: Manifest,
): Promise<{ created?: string; labels?: Record<string, unknown> }> {
  const config = (await readJsonBlob(registry, at, manifest.config?.digest)) as
    | { created?: unknown; config?: { Labels?: Record<string, unknown> } }
    | undefined;
  const created =
    typeof config?.created === 'string' &&
    !Number.isNaN(Date.parse(config.created))
      ? new Date(config.created).toISOString()
      : undefined;
  return {
    ...(created && { created }),
    ...(config?.config?.Labels && { labels: config.config.Labels }),
  };
}

// BuildKit stores provenance as an attestation manifest in the image index,
// pointing at the platform's manifest; each in-toto layer is a statement.
async function readMaterials(
  registry: ImageReader,
  at: { registry: string; repository: string },
  index: Manifest,
  digest: string,
): Promise<ProvenanceMaterial[]> {
  const attestations = (index.manifests ?? []).filter(
    m =>
      m.annotations?.[REFERENCE_TYPE] === 'attestation-manifest' &&
      m.annotations?.[REFERENCE_DIGEST] === digest &&
      typeof m.digest === 'string',
  );
  const materials: ProvenanceMaterial[] = [];
  for (const attestation of attestations) {
    const read = await registry.readManifest({
      ...at,
      reference: attestation.digest as string,
    });
    const layers = (read?.manifest as Manifest | undefined)?.layers ?? [];
    for (const layer of layers) {
      const type = layer.annotations?.[PREDICATE_TYPE];
      if (typeof type !== 'string' || !type.startsWith(SLSA_PREFIX)) continue;
      materials.push(
        ...materialsOf(await readJsonBlob(registry, at, layer.digest)),
      );
    }
  }
  return materials;
}

// SLSA 0.2 lists `predicate.materials`, 1.0
// `predicate.buildDefinition.resolvedDependencies`; both `{ uri, digest }`.
function materialsOf(statement: unknown): ProvenanceMaterial[] {
  const predicate = (statement as { predicate?: Record<string, unknown> })
    ?.predicate;
  const listed = [
    predicate?.materials,
    (predicate?.buildDefinition as Record<string, unknown> | undefined)
      ?.resolvedDependencies,
  ].flatMap(list => (Array.isArray(list) ? list : []));
  return listed.flatMap(entry => {
    const { uri, digest } = (entry ?? {}) as {
      uri?: unknown;
      digest?: { sha256?: unknown };
    };
    return typeof uri === 'string' && typeof digest?.sha256 === 'string'
      ? [{ uri, digest: `sha256:${digest.sha256}` }]
      : [];
  });
}
