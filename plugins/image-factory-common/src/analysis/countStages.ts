import type { StageGraph } from './stageGraph';

/**
 * The stages that count for each target platform, from the stage graph of
 * each (a `FROM binaries-$TARGETOS` links other stages for each platform).
 *
 * With a target, the target and the stages it depends on for that platform.
 * Without one every stage counts, as the build may start at any stage, except
 * one that only other platforms need: a stage that some stage depends on for
 * some platform is counted only where a stage that counts depends on it. So
 * for linux/amd64 `binaries-windows` does not count once windows/amd64 shows
 * it is not a stage to build on its own. With one platform that is every
 * stage.
 */
export function countStages(
  graphs: readonly StageGraph[],
  stageCount: number,
  target: number | undefined,
): Array<Set<number>> {
  if (target !== undefined) {
    return graphs.map(graph => graph.closure(target));
  }
  const all: number[] = [];
  for (let stage = 0; stage < stageCount; stage++) {
    all.push(stage);
  }
  if (graphs.length === 1) {
    return [new Set(all)];
  }
  const dependedOn = new Set(graphs.flatMap(graph => [...graph.dependedOn()]));
  const roots = all.filter(stage => !dependedOn.has(stage));
  const counts = graphs.map(graph => graph.closure(...roots));
  // Stages no platform reaches from a root (a cycle of stages using each
  // other, which BuildKit refuses) count everywhere, as with one platform.
  const unreached = all.filter(stage => !counts.some(set => set.has(stage)));
  for (const set of counts) {
    unreached.forEach(stage => set.add(stage));
  }
  return counts;
}
