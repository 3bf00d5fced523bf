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
