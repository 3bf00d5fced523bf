import type { ImageReference } from '../references';

/**
 * Options of {@link analyzeDockerfile}.
 *
 * @public
 */
export interface AnalyzeDockerfileOptions {
  /**
   * Build args, as `docker build --build-arg` would pass them. Like Docker, they
   * only set variables that the Dockerfile declares with `ARG`, and BuildKit's
   * automatic ARGs (`TARGETARCH`, …), which they replace.
   */
  buildArgs?: Record<string, string>;
  /**
   * The stage to build, as `docker build --target`; case-insensitive. Only the
   * stages it depends on count. Without it, every stage counts.
   */
  target?: string;
  /**
   * The platforms the image is built for, `os/arch[/variant]`, as
   * `docker buildx build --platform`: they set BuildKit's automatic
   * `TARGETPLATFORM`, `TARGETOS`, `TARGETARCH` and `TARGETVARIANT`. Without
   * any, the build platform, as BuildKit builds for it.
   */
  platforms?: string[];
  /**
   * The platform of the builder, `os/arch[/variant]`: it sets `BUILDPLATFORM`,
   * `BUILDOS`, `BUILDARCH` and `BUILDVARIANT`. Default `linux/amd64`, the
   * platform of hosted CI runners.
   */
  buildPlatform?: string;
}

/**
 * The instruction through which a Dockerfile uses a base image.
 *
 * @public
 */
export type BaseImageInstruction = 'FROM' | 'COPY' | 'RUN';

/**
 * A base image of a Dockerfile, tracked once however many stages use it.
 *
 * @public
 */
export interface BaseImageUse extends ImageReference {
  /** Canonical reference: `registry/repository[:tag][@digest]`. */
  ref: string;
  /** How the first use (in file order) reaches the image. */
  instruction: BaseImageInstruction;
  /**
   * The stages using the image, in stage order: a named stage by its name
   * (lowercase, as Docker treats stage names), an unnamed one as `#` followed by
   * its zero-based index, e.g. `#0`.
   */
  stages: string[];
  /** 1-based line where the instruction of the first use starts. */
  line: number;
  /**
   * The target platforms that use the image, sorted, when only some of them
   * do (`FROM golang:1.22-$TARGETARCH`); absent when every platform uses it.
   */
  platforms?: string[];
}

/**
 * A build stage: each `FROM` starts one.
 *
 * @public
 */
export interface DockerfileStage {
  /** The `AS` name in lowercase, or null for an unnamed stage. */
  name: string | null;
  /** Zero-based position among the stages, as `COPY --from=<index>` counts. */
  index: number;
}

/**
 * Something the analysis could not resolve, such as a variable without a value.
 *
 * @public
 */
export interface DockerfileWarning {
  /** 1-based line of the instruction or directive. */
  line: number;
  message: string;
}

/**
 * The result of {@link analyzeDockerfile}.
 *
 * @public
 */
export interface DockerfileAnalysis {
  /** Base images in the order of their first use. */
  baseImages: BaseImageUse[];
  /** The `# syntax=` frontend image, which is not a base image; null when absent. */
  frontend: (ImageReference & { ref: string }) | null;
  /** The stages that count (all of them, or those the target depends on). */
  stages: DockerfileStage[];
  /** Problems found, in line order. */
  warnings: DockerfileWarning[];
}
