export * from './applyEligibility';
export * from './buildDependencyGraph';
export * from './buildImageStatuses';
export * from './tagOf';
export * from './toImageListItem';
export * from './findBuildCycles';
export * from './holdDependents';
