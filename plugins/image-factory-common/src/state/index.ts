export * from './types';
export { assignNames, isStateName } from './assignNames';
export { hashText } from './hashText';
export {
  statePath,
  parseStatePath,
  STATE_SETTINGS_PATH,
  type StateSection,
} from './statePaths';
export { stateSettings } from './stateSettings';
export {
  validateStateFile,
  type StateFile,
  type StateFileValidation,
} from './validateStateFile';
export { formatYamlFile } from './formatYamlFile';
export { renderStateTree } from './renderStateTree';
export { StateFileMemo } from './StateFileMemo';
export {
  parseStateTree,
  NOT_UTF8_ERROR,
  type InvalidStateFile,
} from './parseStateTree';
export {
  invalidFilesByName,
  keepInvalidStateFiles,
} from './keepInvalidStateFiles';
export type { AnalysisOutcome } from './resolveAnalysis';
export {
  mergeState,
  type MergeStateInput,
  type MergeStateResult,
} from './mergeState';
export type { EnrollmentConflict } from './claimImages';
export { diffStates, type StateChange } from './diffStates';
export {
  recordDigest,
  recordDigests,
  type DigestObservation,
} from './recordDigest';
export {
  listTrackedTags,
  reconcileFirstSeen,
  type FirstSeenReport,
  type ReconcileFirstSeenResult,
  type RecordedDigest,
  type TrackedTag,
  type UnrecordedDigest,
} from './reconcileFirstSeen';
export {
  evidenceKey,
  holdEvidence,
  type RecordedEvidence,
} from './holdEvidence';
export {
  mergeStateWithinArchiveLimit,
  MIN_REFUSED_ARCHIVE_COUNT,
  type ArchiveRefusal,
  type LimitedMergeResult,
} from './mergeStateWithinArchiveLimit';
export { recordRebuild } from './recordRebuild';
export { newBaseImageRefs, seedBuiltDigests } from './seedBuiltDigests';
export type { BuiltImageSeed } from './seedBuiltDigests';
export { listMonitoredRefs } from './listMonitoredRefs';
export { listTrackedImages } from './listTrackedImages';
export type { TrackedPlace } from './listTrackedImages';
