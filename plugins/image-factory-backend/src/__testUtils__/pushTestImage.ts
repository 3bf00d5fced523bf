import { createHash } from 'node:crypto';
import { createImageLayer } from './createImageLayer';

/** Options of {@link ImagePusher.pushImage}. */
export interface PushImageOptions {
  /** Push one manifest per platform (`linux/amd64`, `linux/arm64/v8`) and an image index over them. */
  platforms?: string[];
  /** The text of the layer's only file; per platform when a record. Default: names the repository, tag and platform. */
  content?: string | Record<string, string>;
  /** `oci` (default): OCI manifest and index; `docker`: Docker manifest v2 and manifest list. */
  format?: 'oci' | 'docker';
  /**
   * Build on another image of the registry, as `FROM repository:tag` does:
   * its layers (of the same platform) come first, the image's own last.
   */
  on?: { repository: string; tag: string };
  /** Annotations of each platform's manifest (and of the index). */
  annotations?: Record<string, string>;
  /** Labels in each platform's config, as `LABEL` sets them. */
  labels?: Record<string, string>;
  /** The config's `created` time. */
  created?: string;
  /**
   * Attach, per platform, a BuildKit provenance attestation (SLSA 0.2)
   * listing these materials; needs `platforms`, as it lives in the index.
   */
  provenance?: Array<{ uri: string; digest: string }>;
}

/** A layer of {@link ImagePusher.pushArtifact}. */
export interface ArtifactLayer {
  mediaType: string;
  content: Buffer;
  annotations?: Record<string, string>;
}

/** Pushes and reads test images over a registry's HTTP API. */
export interface ImagePusher {
  /** Pushes a real tiny image (config blob, gzipped tar layer, manifest) and returns the tag's digest. */
  pushImage(
    repository: string,
    tag: string,
    options?: PushImageOptions,
  ): Promise<string>;
  /**
   * Pushes an OCI artifact manifest under `tag`: an empty config and the given
   * layers, as cosign stores signatures and attestations. Returns its digest.
   */
  pushArtifact(
    repository: string,
    tag: string,
    layers: ArtifactLayer[],
    refers?: { artifactType: string; subject: string },
  ): Promise<string>;
  /**
   * Deletes a manifest by digest, as a publisher removes an old digest (the
   * registry must allow deletes).
   */
  deleteManifest(repository: string, digest: string): Promise<void>;
  /** Reads the image index behind a tag: platform (`os/arch[/variant]`) to manifest digest. */
  platformManifests(
    repository: string,
    tag: string,
  ): Promise<Record<string, string>>;
}

interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

const MEDIA = {
  oci: {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    index: 'application/vnd.oci.image.index.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
  docker: {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    index: 'application/vnd.docker.distribution.manifest.list.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
};

/**
 * Talks the distribution push API to the registry at `url`: blobs by
 * `POST /v2/<repo>/blobs/uploads/` then `PUT <location>&digest=…`, manifests by
 * `PUT /v2/<repo>/manifests/<reference>`.
 */
export function createImagePusher(
  url: string,
  authorization?: string,
): ImagePusher {
  const request = async (
    method: string,
    target: string,
    init: { body?: Buffer; headers?: Record<string, string> } = {},
  ) => {
    const response = await fetch(new URL(target, url), {
      method,
      body: init.body,
      headers: {
        ...(authorization ? { authorization } : {}),
        ...init.headers,
      },
    });
    if (response.status >= 300) {
      throw new Error(
        `docker-registry answered ${method} ${target} with HTTP ${
          response.status
        }: ${await response.text()}`,
      );
    }
    return response;
  };

  const pushBlob = async (repository: string, blob: Buffer) => {
    const digest = sha256(blob);
    const started = await request('POST', `/v2/${repository}/blobs/uploads/`);
    const location = new URL(started.headers.get('location') ?? '', url);
    location.searchParams.set('digest', digest);
    await request('PUT', location.toString(), {
      body: blob,
      headers: { 'content-type': 'application/octet-stream' },
    });
    return { digest, size: blob.length };
  };

  /** Pushes a manifest under `tag`, or by its own digest when there is no tag. */
  const pushManifest = async (
    repository: string,
    tag: string | undefined,
    mediaType: string,
    manifest: object,
  ) => {
    const body = Buffer.from(JSON.stringify(manifest));
    await request('PUT', `/v2/${repository}/manifests/${tag ?? sha256(body)}`, {
      body,
      headers: { 'content-type': mediaType },
    });
    return { mediaType, digest: sha256(body), size: body.length };
  };

  const getJson = async (target: string, accept: string) =>
    (await request('GET', target, { headers: { accept } })).json();

  // The layers and diff ids of `on` for one platform, mounted into `repository`.
  const baseLayers = async (
    repository: string,
    on: { repository: string; tag: string },
    platform: Platform,
  ) => {
    const accept = [
      MEDIA.oci.index,
      MEDIA.docker.index,
      MEDIA.oci.manifest,
      MEDIA.docker.manifest,
    ].join(', ');
    let manifest = await getJson(
      `/v2/${on.repository}/manifests/${on.tag}`,
      accept,
    );
    if (Array.isArray(manifest.manifests)) {
      const entry = manifest.manifests.find(
        (m: { platform?: Platform }) =>
          m.platform?.os === platform.os &&
          m.platform?.architecture === platform.architecture,
      );
      manifest = await getJson(
        `/v2/${on.repository}/manifests/${entry.digest}`,
        accept,
      );
    }
    const config = await getJson(
      `/v2/${on.repository}/blobs/${manifest.config.digest}`,
      '*/*',
    );
    for (const layer of manifest.layers) {
      await request(
        'POST',
        `/v2/${repository}/blobs/uploads/?mount=${layer.digest}&from=${on.repository}`,
      );
    }
    return {
      layers: manifest.layers as Array<{
        mediaType: string;
        digest: string;
        size: number;
      }>,
      diffIds: config.rootfs.diff_ids as string[],
    };
  };

  const pushPlatformManifest = async (
    repository: string,
    tag: string | undefined,
    platform: Platform,
    content: string,
    media: (typeof MEDIA)['oci'],
    options: PushImageOptions,
  ) => {
    const layer = createImageLayer('image-factory.txt', content);
    const base = options.on
      ? await baseLayers(repository, options.on, platform)
      : { layers: [], diffIds: [] };
    const config = Buffer.from(
      JSON.stringify({
        ...(options.created ? { created: options.created } : {}),
        architecture: platform.architecture,
        os: platform.os,
        ...(platform.variant ? { variant: platform.variant } : {}),
        config: options.labels ? { Labels: options.labels } : {},
        rootfs: { type: 'layers', diff_ids: [...base.diffIds, layer.diffId] },
      }),
    );
    const configBlob = await pushBlob(repository, config);
    const layerBlob = await pushBlob(repository, layer.blob);
    return pushManifest(repository, tag, media.manifest, {
      schemaVersion: 2,
      mediaType: media.manifest,
      config: { mediaType: media.config, ...configBlob },
      layers: [...base.layers, { mediaType: media.layer, ...layerBlob }],
      ...(options.annotations ? { annotations: options.annotations } : {}),
    });
  };

  // BuildKit's layout: an `unknown/unknown` manifest in the index whose layer
  // is an in-toto statement, tied to the image manifest by annotations.
  const pushProvenance = async (
    repository: string,
    subject: string,
    materials: Array<{ uri: string; digest: string }>,
  ) => {
    const statement = Buffer.from(
      JSON.stringify({
        _type: 'https://in-toto.io/Statement/v0.1',
        predicateType: 'https://slsa.dev/provenance/v0.2',
        subject: [{ name: repository, digest: { sha256: subject.slice(7) } }],
        predicate: {
          builder: { id: '' },
          buildType: 'https://mobyproject.org/buildkit@v1',
          materials: materials.map(m => ({
            uri: m.uri,
            digest: { sha256: m.digest.replace(/^sha256:/, '') },
          })),
        },
      }),
    );
    const config = await pushBlob(repository, Buffer.from('{}'));
    const layer = await pushBlob(repository, statement);
    const pushed = await pushManifest(
      repository,
      undefined,
      MEDIA.oci.manifest,
      {
        schemaVersion: 2,
        mediaType: MEDIA.oci.manifest,
        config: { mediaType: MEDIA.oci.config, ...config },
        layers: [
          {
            mediaType: 'application/vnd.in-toto+json',
            ...layer,
            annotations: {
              'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2',
            },
          },
        ],
      },
    );
    return {
      ...pushed,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: {
        'vnd.docker.reference.type': 'attestation-manifest',
        'vnd.docker.reference.digest': subject,
      },
    };
  };

  return {
    async pushImage(repository, tag, options = {}) {
      const media = MEDIA[options.format ?? 'oci'];
      const contentFor = (platform: string) =>
        typeof options.content === 'string'
          ? options.content
          : options.content?.[platform] ??
            `${repository}:${tag} for ${platform}\n`;
      if (!options.platforms?.length) {
        const pushed = await pushPlatformManifest(
          repository,
          tag,
          { os: 'linux', architecture: 'amd64' },
          contentFor('linux/amd64'),
          media,
          options,
        );
        return pushed.digest;
      }
      const entries = [];
      for (const platform of options.platforms) {
        const [os, architecture, variant] = platform.split('/');
        const parsed = { os, architecture, ...(variant ? { variant } : {}) };
        // Children go first, by digest: the registry checks that an index's manifests exist.
        const child = await pushPlatformManifest(
          repository,
          undefined,
          parsed,
          contentFor(platform),
          media,
          options,
        );
        entries.push({ ...child, platform: parsed });
      }
      const attestations = [];
      for (const entry of options.provenance ? entries : []) {
        attestations.push(
          await pushProvenance(repository, entry.digest, options.provenance!),
        );
      }
      const index = await pushManifest(repository, tag, media.index, {
        schemaVersion: 2,
        mediaType: media.index,
        manifests: [...entries, ...attestations],
        ...(options.annotations ? { annotations: options.annotations } : {}),
      });
      return index.digest;
    },

    async pushArtifact(repository, tag, layers, refers) {
      const config = await pushBlob(repository, Buffer.from('{}'));
      const pushed = [];
      for (const layer of layers) {
        pushed.push({
          mediaType: layer.mediaType,
          ...(await pushBlob(repository, layer.content)),
          ...(layer.annotations && { annotations: layer.annotations }),
        });
      }
      const manifest = await pushManifest(repository, tag, MEDIA.oci.manifest, {
        schemaVersion: 2,
        mediaType: MEDIA.oci.manifest,
        config: { mediaType: MEDIA.oci.config, ...config },
        layers: pushed,
        // An OCI 1.1 referrer names what it is and the manifest it is about.
        ...(refers && {
          artifactType: refers.artifactType,
          subject: {
            mediaType: MEDIA.oci.manifest,
            digest: refers.subject,
            size: 0,
          },
        }),
      });
      return manifest.digest;
    },

    async deleteManifest(repository, digest) {
      await request('DELETE', `/v2/${repository}/manifests/${digest}`);
    },

    async platformManifests(repository, tag) {
      const response = await request(
        'GET',
        `/v2/${repository}/manifests/${tag}`,
        { headers: { accept: `${MEDIA.oci.index}, ${MEDIA.docker.index}` } },
      );
      const index = (await response.json()) as {
        manifests: Array<{ digest: string; platform: Platform }>;
      };
      return Object.fromEntries(
        index.manifests.map(({ digest, platform }) => [
          [platform.os, platform.architecture, platform.variant]
            .filter(Boolean)
            .join('/'),
          digest,
        ]),
      );
    },
  };
}

function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}
