import type { ParsedStage } from './parsedDockerfile';

/** What a `COPY --from` or `RUN --mount from=` value points at. */
export type SourceTarget =
  | { kind: 'stage'; index: number }
  | { kind: 'image' }
  | { kind: 'invalid'; message: string };

/** How a stage is shown in results: its name, or `#` and its index. */
export function stageId(stage: { name: string | null; index: number }): string {
  return stage.name ?? `#${stage.index}`;
}

/**
 * The stages of a Dockerfile and the dependencies between them: a stage depends
 * on the stage its FROM names and on those its `COPY --from` and
 * `RUN --mount from=` read.
 */
export class StageGraph {
  private readonly byName = new Map<string, number>();
  private readonly dependencies: Array<Set<number>>;

  constructor(private readonly stages: ReadonlyArray<ParsedStage>) {
    this.dependencies = stages.map(() => new Set<number>());
    for (const stage of stages) {
      if (stage.name !== null && !this.byName.has(stage.name)) {
        this.byName.set(stage.name, stage.index);
      }
    }
  }

  /** The index of the first stage with this name (case-insensitive). */
  findByName(name: string): number | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /**
   * Resolves the image word of a FROM: a stage defined earlier, or nothing (an
   * image). Docker only lets FROM name earlier stages.
   */
  findEarlierStage(word: string, current: number): number | undefined {
    const index = this.byName.get(word.toLowerCase());
    return index !== undefined && index < current ? index : undefined;
  }

  /**
   * Resolves a `COPY --from` or `RUN --mount from=` value: a stage index, any
   * stage's name, or else an image.
   */
  resolveSource(value: string, current: number): SourceTarget {
    if (/^[0-9]+$/.test(value)) {
      const index = Number(value);
      if (index >= this.stages.length) {
        return {
          kind: 'invalid',
          message: `stage index ${value} does not exist (the Dockerfile has ${this.stages.length} stages)`,
        };
      }
      return index === current
        ? { kind: 'invalid', message: `stage ${value} is the stage itself` }
        : { kind: 'stage', index };
    }
    const index = this.byName.get(value.toLowerCase());
    if (index === undefined) {
      return { kind: 'image' };
    }
    return index === current
      ? { kind: 'invalid', message: `stage ${value} is the stage itself` }
      : { kind: 'stage', index };
  }

  addDependency(stage: number, dependency: number): void {
    this.dependencies[stage].add(dependency);
  }

  /** The stages some stage depends on. */
  dependedOn(): Set<number> {
    const stages = new Set<number>();
    this.dependencies.forEach(dependencies =>
      dependencies.forEach(stage => stages.add(stage)),
    );
    return stages;
  }

  /** The stages and every stage they depend on, directly or not. */
  closure(...starts: number[]): Set<number> {
    const seen = new Set<number>(starts);
    const queue = [...seen];
    for (let next = 0; next < queue.length; next++) {
      for (const dependency of this.dependencies[queue[next]]) {
        if (!seen.has(dependency)) {
          seen.add(dependency);
          queue.push(dependency);
        }
      }
    }
    return seen;
  }
}
