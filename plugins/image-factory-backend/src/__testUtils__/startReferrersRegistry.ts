import {
  forwardRequest,
  startHttpServer,
  TestHttpServer,
} from './startHttpServer';

/** A manifest that refers to another, as the referrers API lists it. */
export interface Referrer {
  repository: string;
  /** The digest it is about. */
  subject: string;
  /** Its own digest. */
  digest: string;
  artifactType: string;
}

/** A registry stand-in that offers the OCI 1.1 referrers API. */
export interface ReferrersRegistry extends TestHttpServer {
  /** Lists `referrer` when its subject's referrers are asked for. */
  refer(referrer: Referrer): void;
  /** The referrers requests received: path and query. */
  asked(): string[];
}

/**
 * Starts a stand-in in front of a real registry (`target`, its base URL) that
 * answers `GET /v2/<repository>/referrers/<digest>` as the OCI distribution
 * spec 1.1 says and passes everything else through. Debian's docker-registry
 * 2.8 has no referrers API; the stand-in lists what the test says refers to
 * what, and ignores any `artifactType` filter, as a registry may (the spec
 * lets it), so the client must filter too.
 */
export async function startReferrersRegistry(
  target: string,
): Promise<ReferrersRegistry> {
  const referrers: Referrer[] = [];
  const asked: string[] = [];
  const server = await startHttpServer(async (req, res) => {
    const match = /^\/v2\/(.+)\/referrers\/(sha256:[0-9a-f]{64})(\?.*)?$/.exec(
      req.url ?? '',
    );
    if (!match) {
      await forwardRequest(req, res, target);
      return;
    }
    asked.push(req.url ?? '');
    const [, repository, subject] = match;
    res.writeHead(200, {
      'content-type': 'application/vnd.oci.image.index.v1+json',
    });
    res.end(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: referrers
          .filter(r => r.repository === repository && r.subject === subject)
          .map(r => ({
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            digest: r.digest,
            size: 1,
            artifactType: r.artifactType,
          })),
      }),
    );
  });
  return {
    ...server,
    refer: referrer => referrers.push(referrer),
    asked: () => [...asked],
  };
}
