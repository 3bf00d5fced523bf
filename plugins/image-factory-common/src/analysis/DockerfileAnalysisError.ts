/**
 * Why a Dockerfile could not be analysed at all.
 *
 * @public
 */
export type DockerfileAnalysisErrorReason =
  | 'no-from'
  | 'binary'
  | 'too-large'
  | 'unknown-target'
  | 'unparsable';

/**
 * Thrown by {@link analyzeDockerfile} when a Dockerfile cannot be analysed: it
 * has no `FROM`, is binary, is larger than {@link DOCKERFILE_MAX_BYTES}, names a
 * target stage it does not define, or cannot be parsed. Problems with single
 * instructions are warnings in the result instead.
 *
 * @public
 */
export class DockerfileAnalysisError extends Error {
  /** The kind of failure, for callers that react differently to each. */
  readonly reason: DockerfileAnalysisErrorReason;

  constructor(reason: DockerfileAnalysisErrorReason, message: string) {
    super(message);
    this.name = 'DockerfileAnalysisError';
    this.reason = reason;
  }
}
