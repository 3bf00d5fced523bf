import type { ImageReference } from '../references';
import { describeInvalidReference } from '../references/ImageReferenceError';
import { readImageReference } from '../references/parseImageReference';
import {
  expandVariables,
  type VariableScope,
  type VariableState,
} from './expandVariables';
import type { ParsedDockerfile, ParseWarning } from './parsedDockerfile';
import {
  createGlobalScope,
  describeMissingGlobal,
  StageScope,
  type ScopeContext,
} from './scopes';
import { StageGraph, stageId } from './stageGraph';
import type { BaseImageInstruction } from './types';
import type { AutomaticArgs } from './AutomaticArgs';

/** One use of an image by one stage, before duplicates are merged. */
export interface ImageUse {
  reference: ImageReference;
  instruction: BaseImageInstruction;
  stage: number;
  line: number;
}

/** Every image use and warning of a Dockerfile, with its stage graph. */
export interface CollectedUses {
  uses: ImageUse[];
  warnings: ParseWarning[];
  graph: StageGraph;
}

const SCRATCH = 'scratch';

function describe(instruction: BaseImageInstruction, word: string): string {
  if (instruction === 'FROM') {
    return `FROM ${JSON.stringify(word)}`;
  }
  return instruction === 'COPY'
    ? `COPY --from=${JSON.stringify(word)}`
    : `RUN --mount from=${JSON.stringify(word)}`;
}

// Walks the stages in order, expanding each image word with the variables in
// scope there, and sorts what it finds into stage links, image uses and warnings.
class UseCollector {
  readonly uses: ImageUse[] = [];
  readonly warnings: ParseWarning[];
  readonly graph: StageGraph;
  private readonly context: ScopeContext;
  private readonly globalScope: VariableScope;

  constructor(
    private readonly parsed: ParsedDockerfile,
    buildArgs: Record<string, string>,
    expansionBudget: number,
    automaticArgs: AutomaticArgs,
  ) {
    this.warnings = [...parsed.warnings];
    this.graph = new StageGraph(parsed.stages);
    this.context = {
      buildArgs,
      automaticArgs,
      expansion: {
        escapeChar: parsed.escapeChar,
        budget: { remaining: expansionBudget },
      },
    };
    this.globalScope = createGlobalScope(this.context, parsed.globalArgs);
  }

  collect(): void {
    const envByStage: Array<ReadonlyMap<string, VariableState>> = [];
    for (const stage of this.parsed.stages) {
      const duplicate =
        stage.name === null ? undefined : this.graph.findByName(stage.name);
      if (duplicate !== undefined && duplicate !== stage.index) {
        this.warn(
          stage.index,
          stage.line,
          `stage name ${JSON.stringify(
            stage.name,
          )} is already used by stage ${duplicate}`,
        );
      }
      const parent = this.readFrom(stage.index, stage.line, stage.image);
      const scope = new StageScope(
        this.context,
        this.globalScope,
        parent === undefined ? new Map() : envByStage[parent],
      );
      for (const step of stage.steps) {
        switch (step.kind) {
          case 'ARG':
            step.declarations.forEach(d => scope.declareArg(d, step.line));
            break;
          case 'ENV':
            step.declarations.forEach(d => scope.declareEnv(d));
            break;
          default:
            this.readSource(
              stage.index,
              step.line,
              step.kind,
              step.source,
              scope,
            );
        }
      }
      envByStage.push(scope.env);
    }
  }

  private warn(stage: number | null, line: number, message: string): void {
    this.warnings.push({ line, message, stage });
  }

  // Returns the parent stage when the FROM names an earlier stage.
  private readFrom(
    index: number,
    line: number,
    word: string | null,
  ): number | undefined {
    if (word === null) {
      return undefined;
    }
    const expanded = expandVariables(word, this.globalScope, {
      ...this.context.expansion,
      describeMissing: describeMissingGlobal(this.context),
    });
    if (!expanded.ok) {
      this.warn(
        index,
        line,
        `cannot resolve ${describe('FROM', word)}: ${expanded.reason}`,
      );
      return undefined;
    }
    const parent = this.graph.findEarlierStage(expanded.value, index);
    if (parent !== undefined) {
      this.graph.addDependency(index, parent);
      return parent;
    }
    if (expanded.value === SCRATCH) {
      return undefined;
    }
    if (/^[0-9]+$/.test(expanded.value) && Number(expanded.value) < index) {
      this.warn(
        index,
        line,
        `${describe(
          'FROM',
          word,
        )} looks like a stage index, which FROM does not accept; name the stage with AS and use the name`,
      );
      return undefined;
    }
    const later = this.graph.findByName(expanded.value);
    if (later !== undefined) {
      this.warn(
        index,
        line,
        `${describe('FROM', word)} names stage ${stageId(
          this.parsed.stages[later],
        )}, which is defined later; FROM can only use earlier stages`,
      );
      return undefined;
    }
    this.addUse('FROM', index, line, word, expanded.value);
    return undefined;
  }

  private readSource(
    index: number,
    line: number,
    instruction: 'COPY' | 'RUN',
    word: string,
    scope: StageScope,
  ): void {
    const expanded = expandVariables(word, scope.variables, {
      ...this.context.expansion,
      describeMissing: scope.describeMissing,
    });
    if (!expanded.ok) {
      this.warn(
        index,
        line,
        `cannot resolve ${describe(instruction, word)}: ${expanded.reason}`,
      );
      return;
    }
    const target = this.graph.resolveSource(expanded.value, index);
    if (target.kind === 'stage') {
      this.graph.addDependency(index, target.index);
    } else if (target.kind === 'invalid') {
      this.warn(
        index,
        line,
        `${describe(instruction, word)}: ${target.message}`,
      );
    } else {
      this.addUse(instruction, index, line, word, expanded.value);
    }
  }

  private addUse(
    instruction: BaseImageInstruction,
    stage: number,
    line: number,
    word: string,
    expanded: string,
  ): void {
    const read = readImageReference(expanded);
    if (read.ok) {
      this.uses.push({ reference: read.reference, instruction, stage, line });
      return;
    }
    const shown =
      word === expanded ? '' : ` (expanded to ${JSON.stringify(expanded)})`;
    this.warn(
      stage,
      line,
      `${describe(
        instruction,
        word,
      )}${shown} is not a valid image: ${describeInvalidReference(
        expanded,
        read.detail,
      )}`,
    );
  }
}

/**
 * Finds every image a Dockerfile's stages use through FROM, `COPY --from` and
 * `RUN --mount from=`, links stages that use each other, and warns about what
 * cannot be resolved.
 */
export function collectImageUses(
  parsed: ParsedDockerfile,
  buildArgs: Record<string, string>,
  expansionBudget: number,
  automaticArgs: AutomaticArgs,
): CollectedUses {
  const collector = new UseCollector(
    parsed,
    buildArgs,
    expansionBudget,
    automaticArgs,
  );
  collector.collect();
  return {
    uses: collector.uses,
    warnings: collector.warnings,
    graph: collector.graph,
  };
}
