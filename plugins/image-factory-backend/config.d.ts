import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration for the Image Factory plugin. */
  imageFactory?: {
    /**
     * The git repository that holds the GitOps state files and Kargo Warehouse
     * manifests. Default: a bare repository the plugin creates under
     * `backend.workingDirectory` (or the OS temp folder) on first start.
     */
    stateRepository?: {
      /**
       * A git URL: `https://…` (credentials from `integrations`), `file://…`, or a
       * local path to a bare repository.
       */
      url?: string;
      /** Branch to commit to. Default `main`. */
      branch?: string;
      /** Folder inside the repository that holds `state/` and `manifests/`. Default: the root. */
      basePath?: string;
      /** Commit author. Default `Image Factory <image-factory@backstage.local>`. */
      author?: {
        name?: string;
        email?: string;
      };
    };

    /** Defaults for enrolled images; annotations override them per entity. */
    defaults?: {
      /** Cooling-off delay before a new base image digest may trigger a rebuild: `7d`, `36h`, `90m`, `0`; at most `365d`. Default `7d`. Written as the `image-factory.io/rebuild-delay` annotation is. */
      rebuildDelay?: string;
      /** Whether eligible images are rebuilt without a person. Default `true`. */
      autoRebuild?: boolean;
      /**
       * No second rebuild of an image within this window: `1h`, `90m`, ISO
       * `PT1H` or `{ hours: 1 }`; at most `365d`. Default `1h`.
       */
      coordinationWindow?: string | HumanDuration;
      /**
       * Delay for a new digest of an internal base image (a managed image
       * other managed images build on) that a rebuild of the Image Factory
       * pushed: it was built from freight that already waited out its own
       * delay, so by default it is trusted at once. A digest pushed any other
       * way waits for the dependent's own delay. Written as
       * `image-factory.io/rebuild-delay` is. Default `0`.
       */
      internalDelay?: string;
      /**
       * Platforms images are built for when `image-factory.io/platforms` does not say, e.g.
       * `linux/amd64`; their manifest digests are tracked, and a new base image index that
       * leaves them unchanged makes no image stale. Default `[linux/amd64]`.
       */
      platforms?: string[];
    };

    /** Schedule of the pipeline (enrollment, analysis, state, discovery, rebuilds). Default: every 30 minutes. */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;

    /** Most rebuilds triggered in one pipeline run. Default 10. */
    maxTriggersPerRun?: number;

    /** Limits that keep one bad pipeline run from doing much harm. */
    safety?: {
      /**
       * Largest share of the active images, from 0 to 1, that one run may
       * archive (an image is archived, and its Warehouse removed, when no
       * entity enrolls it any more). A run that would archive more archives
       * nothing, reports it as an error of the run and notifies everyone: a
       * catalog answer without entities (a permission change, an outage) must
       * not delete every Warehouse in one commit. Applies only once at least 2
       * images would be archived, so a fleet of one or two can drop one. `1`
       * never refuses: set it for one run to archive most images on purpose.
       * Default `0.5`.
       */
      maxArchiveRatio?: number;
      /**
       * Most distinct base images one Dockerfile may name. A Dockerfile that
       * names more fails its analysis with an error saying so, and the image
       * keeps what it tracked before. Default `50`.
       */
      maxBaseImagesPerDockerfile?: number;
      /**
       * Most tags asked of registries for the first time in one run; the rest
       * wait for the next runs, and the run says how many wait. Enrolling a
       * thousand images at once then costs a few runs, not one storm of
       * requests. Default `500`.
       */
      maxNewTagsPerRun?: number;
    };

    /** Where rebuilds may be sent. */
    rebuilds?: {
      /**
       * Repositories a rebuild may target besides the one the entity is registered
       * from (its `backstage.io/managed-by-location`), and on which a GitLab
       * pipeline may run on a tag or another branch than the source location's:
       * repository URLs (`https://github.com/acme/tools`) or prefixes ending in
       * `/*` (`https://gitlab.example.com/platform/*`). Default: none.
       */
      allowedRepositories?: string[];
      /**
       * How long a rebuild waits for its run to appear: a rebuild whose CI run
       * is not known by then (its trigger's answer was lost and no run carrying
       * its id was found) ends failed, and may be requested again. `30m`,
       * `2h`, ISO `PT30M` or `{ minutes: 30 }`; longer than 0, at most
       * `365d`. Default `30m`.
       */
      runTimeout?: string | HumanDuration;
    };

    /**
     * Registries the backend may contact. Only the hosts listed here, plus the public
     * registries when `allowPublic` is true, are ever contacted: an annotation cannot
     * make the backend call an arbitrary host.
     */
    registries?: Array<{
      /** Registry host, with port when not the default, e.g. `ghcr.io` or `localhost:5000`. */
      host: string;
      /** Plain HTTP instead of HTTPS (a local registry). Default false. */
      insecure?: boolean;
      /**
       * Minimum time between two checks of the same tag, and the `interval` of
       * the registry's Warehouses (in whole seconds, at least `1s`): `24h`,
       * `15m`, ISO `PT15M` or `{ minutes: 15 }`. Default 24h for public
       * registries, 1h otherwise.
       */
      minInterval?: string | HumanDuration;
      /** User name for basic or token authentication. */
      username?: string;
      /**
       * Password for `username`.
       * @visibility secret
       */
      password?: string;
      /**
       * A bearer token sent as is.
       * @visibility secret
       */
      token?: string;
      /** Pull-through mirror host to query instead of this registry. */
      mirror?: string;
    }>;

    /** Contact the well-known public registries (docker.io, ghcr.io, quay.io, …). Default true. */
    allowPublic?: boolean;

    /** Where freight comes from: the plugin's own registry discovery (default) or Kargo. */
    freightSource?: {
      /**
       * `registry` (default) or `kargo`: the common package's `FreightOrigin`,
       * spelt out because the schema generator cannot follow an import of it
       * (the generated schema would refuse every value).
       */
      type?: 'registry' | 'kargo';
      /** How to reach the Kubernetes API when `type` is `kargo`. */
      kubernetes?: {
        /** API server URL. Default: the in-cluster service account. */
        url?: string;
        /**
         * Bearer token. Default: the in-cluster service account token.
         * @visibility secret
         */
        token?: string;
        /** Accept a self-signed API server certificate. */
        skipTLSVerify?: boolean;
      };
    };

    /** Evidence about base image digests that decides what may be built on. */
    supplyChain?: {
      /**
       * Public keys that sign base images with cosign (key-based signing). A
       * digest of a repository an entry names is checked against the keys of
       * every entry that names it; its signature shows on the Image Status tab
       * and the base image page.
       */
      signatures?: Array<{
        /**
         * Repositories the key signs, as images name them without a tag:
         * `ghcr.io/acme/base-node`, `docker.io/library/node` (or `node`), or a
         * prefix ending in `/*` (`ghcr.io/acme/*`).
         */
        images: string[];
        /**
         * The PEM public key (`cosign.pub`): ECDSA P-256 as cosign makes it,
         * or RSA or Ed25519. Read it from a file with `$file: ./cosign.pub`
         * or from the environment with `$env: COSIGN_PUBLIC_KEY`.
         */
        publicKey: string;
        /** How the key is named in the UI and in messages. Default: the first of `images`. */
        name?: string;
        /**
         * `warn` (default): show the signature state of each digest.
         * `require`: never rebuild onto a digest whose signature does not
         * verify (unsigned, badly signed, or not checked yet); the last
         * verified digest aged past the delay is built instead.
         */
        mode?: 'warn' | 'require';
      }>;
      /**
       * Vulnerability scans: cosign vulnerability attestations (`cosign
       * attest --type vuln`, a Trivy report), read for the repositories
       * `signatures` names and verified with the same keys; and, with
       * `trivyOperator`, a cluster's Trivy Operator reports.
       */
      vulnerabilities?: {
        /** The ids at or above this severity are listed with a digest. Default `high`. */
        listSeverity?: 'critical' | 'high' | 'medium' | 'low';
        /**
         * A scan that finished longer ago than this is expired: shown, but
         * not taken as evidence. `7d`, `36h`, ISO `P7D` or `{ days: 7 }`.
         * Default `7d`.
         */
        maxAge?: string | HumanDuration;
        /**
         * Read the Trivy Operator's `VulnerabilityReport` resources too, for
         * every monitored base image, signed or not: a cluster's scans of
         * the images its workloads run. Set it (`{}` for the cluster the
         * backend runs in) to turn it on. The newest scan of a digest,
         * attestation or report, is the one kept.
         */
        trivyOperator?: {
          /** Read the reports of this namespace only. Default: every namespace. */
          namespace?: string;
          /** How to reach the Kubernetes API. Default: the in-cluster service account. */
          kubernetes?: {
            /** API server URL. */
            url?: string;
            /**
             * Bearer token.
             * @visibility secret
             */
            token?: string;
            /** Accept a self-signed API server certificate. */
            skipTLSVerify?: boolean;
          };
        };
      };
      /**
       * The evidence-based bypass, off by default. With `critical`, a newer
       * digest of a base image whose current scan no longer lists a critical
       * vulnerability that the built digest's scan lists, and lists no new
       * one, makes the image eligible at once, before the delay: the rebuild
       * is an audited `evidence` rebuild with the ids as its justification.
       * At or above `vulnerabilities.listSeverity`.
       */
      bypassSeverity?: 'critical' | 'high' | 'medium' | 'low';
    };

    /** Kargo settings for the generated Warehouse manifests. */
    kargo?: {
      /** Namespace (a Kargo project) the Warehouses are created in. Default `image-factory`. */
      namespace?: string;
    };
  };
}
