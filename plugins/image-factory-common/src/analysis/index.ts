/**
 * The Dockerfile analysis alone, as the package's `./analysis` entry point:
 * without the state model, its schemas and the Warehouse rendering that the
 * root entry point loads, so that the CLI's `analyze` starts quickly.
 *
 * @packageDocumentation
 */
// The analysis types build on it.
export type { ImageReference } from '../references';
// The platforms of the options follow its grammar.
export { parsePlatform, type Platform } from '../references';
export type {
  AnalyzeDockerfileOptions,
  BaseImageInstruction,
  BaseImageUse,
  DockerfileAnalysis,
  DockerfileStage,
  DockerfileWarning,
} from './types';
export {
  DockerfileAnalysisError,
  type DockerfileAnalysisErrorReason,
} from './DockerfileAnalysisError';
export { analyzeDockerfile } from './analyzeDockerfile';
export { parseBuildArgs } from './parseBuildArgs';
export { DOCKERFILE_MAX_BYTES } from './limits';
// Reading many Dockerfiles at once, in order: the CLI's `analyze` and the
// backend's analysis step.
export { mapInOrder } from '../concurrency/mapInOrder';
