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

  const pushPlatformManifest = async (
    repository: string,
    tag: string | undefined,
    platform: Platform,
    content: string,
    media: (typeof MEDIA)['oci'],
  ) => {
    const layer = createImageLayer('image-factory.txt', content);
    const config = Buffer.from(
      JSON.stringify({
        architecture: platform.architecture,
        os: platform.os,
        ...(platform.variant ? { variant: platform.variant } : {}),
        config: {},
        rootfs: { type: 'layers', diff_ids: [layer.diffId] },
      }),
    );
    const configBlob = await pushBlob(repository, config);
    const layerBlob = await pushBlob(repository, layer.blob);
    return pushManifest(repository, tag, media.manifest, {
      schemaVersion: 2,
      mediaType: media.manifest,
      config: { mediaType: media.config, ...configBlob },
      layers: [{ mediaType: media.layer, ...layerBlob }],
    });
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
        );
        entries.push({ ...child, platform: parsed });
      }
      const index = await pushManifest(repository, tag, media.index, {
        schemaVersion: 2,
        mediaType: media.index,
        manifests: entries,
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
