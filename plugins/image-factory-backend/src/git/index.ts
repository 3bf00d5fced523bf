export { StateMovedError, StateRepository } from './StateRepository';
export type {
  StateChange,
  StateRepositoryOptions,
  StateSnapshot,
  StateUpdateResult,
  StateWriteResult,
} from './StateRepository';
export type { StateRepositoryCredentials } from './resolveRemote';
export type { GitIdentity } from './GitCli';
export { GitCommandError } from './GitCommandError';
export { ensureLocalBareRepository } from './ensureLocalBareRepository';
