/**
 * What the registry says of one platform of the image a rebuild pushed.
 *
 * @public
 */
export interface BuiltPlatformFacts {
  /** `os/arch[/variant]`. */
  platform: string;
  /**
   * `org.opencontainers.image.base.name` and `.base.digest`, from the image
   * index, the platform's manifest or its config labels, the first that has
   * them.
   */
  baseName?: string;
  baseDigest?: string;
  /** Layer digests of the platform's manifest, in order. */
  layers: string[];
  /** What an SLSA provenance attestation of the platform lists as built from. */
  materials: ProvenanceMaterial[];
}

/**
 * One material (SLSA 0.2) or resolved dependency (SLSA 1.0) of a provenance
 * attestation: a package URL and its digest.
 *
 * @public
 */
export interface ProvenanceMaterial {
  /** `pkg:docker/docker.io/library/node@22?platform=linux%2Famd64`. */
  uri: string;
  /** `sha256:…`. */
  digest: string;
}

/**
 * One digest of a base image as a verification compares it: the digest, the
 * platform manifests inside it and, per platform, their layers.
 *
 * @public
 */
export interface DigestFacts {
  digest: string;
  /** The digest itself and the manifest digest of each platform inside it. */
  digests: string[];
  /** Per platform (`linux/amd64`), the layer digests of its manifest. */
  layers: Record<string, string[]>;
}

/**
 * A base image of a rebuild: the digest it asked for and the one the image
 * was built on before (`null` when unknown or unreadable).
 *
 * @public
 */
export interface BaseImageFacts {
  /** The reference as the rebuild records it. */
  ref: string;
  asked: DigestFacts;
  before: DigestFacts | null;
}
