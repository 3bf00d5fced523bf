import {
  expandVariables,
  type ExpansionOptions,
  type VariableScope,
  type VariableState,
} from './expandVariables';
import type { AutomaticArgs } from './AutomaticArgs';
import type { Declaration } from './parsedDockerfile';

/** Everything needed to turn declarations into variable values. */
export interface ScopeContext {
  buildArgs: Record<string, string>;
  /** The ARGs BuildKit defines from the build's platforms and target. */
  automaticArgs: AutomaticArgs;
  expansion: Omit<ExpansionOptions, 'describeMissing'>;
}

function buildArg(context: ScopeContext, name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(context.buildArgs, name)
    ? context.buildArgs[name]
    : undefined;
}

function expandDefault(
  context: ScopeContext,
  name: string,
  value: string,
  scope: VariableScope,
  describeMissing: (variable: string) => string,
): VariableState {
  const result = expandVariables(value, scope, {
    ...context.expansion,
    describeMissing,
  });
  return result.ok
    ? { value: result.value }
    : { value: null, reason: `${name} has no value because ${result.reason}` };
}

/** Explains a variable missing from the global scope. */
export function describeMissingGlobal(
  context: ScopeContext,
): (name: string) => string {
  return name =>
    buildArg(context, name) === undefined
      ? `variable ${name} is not declared by an ARG before the first FROM`
      : `variable ${name} is not declared by an ARG before the first FROM (build args only set declared ARGs)`;
}

/**
 * Builds the global scope: BuildKit's automatic ARGs and every ARG before the
 * first FROM, in order, with build args overriding both, as BuildKit does.
 */
export function createGlobalScope(
  context: ScopeContext,
  globalArgs: ReadonlyArray<{ line: number; declarations: Declaration[] }>,
): Map<string, VariableState> {
  const scope = new Map<string, VariableState>();
  for (const [name, state] of context.automaticArgs.variables()) {
    const value = buildArg(context, name);
    scope.set(name, value === undefined ? state : { value });
  }
  const describeMissing = describeMissingGlobal(context);
  for (const { line, declarations } of globalArgs) {
    for (const { name, value } of declarations) {
      const override = buildArg(context, name);
      if (override !== undefined) {
        scope.set(name, { value: override });
      } else if (value !== null) {
        scope.set(
          name,
          expandDefault(context, name, value, scope, describeMissing),
        );
      } else if (!scope.has(name)) {
        scope.set(name, {
          value: null,
          reason: `variable ${name} is declared without a default (ARG on line ${line}) and no build arg sets it`,
        });
      }
    }
  }
  return scope;
}

/**
 * The variables of one stage: ENV inherited from a parent stage, then its own
 * ARG and ENV instructions as they come.
 */
export class StageScope {
  readonly variables: Map<string, VariableState>;
  /** Only what ENV set: the part a child stage inherits. */
  readonly env: Map<string, VariableState>;

  constructor(
    private readonly context: ScopeContext,
    private readonly globalScope: VariableScope,
    inheritedEnv: ReadonlyMap<string, VariableState>,
  ) {
    this.variables = new Map(inheritedEnv);
    this.env = new Map(inheritedEnv);
  }

  /** Explains a variable missing from this stage. */
  readonly describeMissing = (name: string): string =>
    this.globalScope.has(name)
      ? `variable ${name} is a global ARG; declare "ARG ${name}" in the stage to use it there`
      : `variable ${name} is not declared in this stage`;

  /** Applies an ARG: a build arg, else its default, else the global value. */
  declareArg({ name, value }: Declaration, line: number): void {
    const override = buildArg(this.context, name);
    // As in Docker, a variable set by ENV wins over an ARG of the same name.
    if (this.env.has(name)) {
      return;
    }
    if (override !== undefined) {
      this.variables.set(name, { value: override });
    } else if (value !== null) {
      this.variables.set(name, this.expand(name, value));
    } else {
      this.variables.set(
        name,
        this.globalScope.get(name) ?? {
          value: null,
          reason: `variable ${name} is declared without a default (ARG on line ${line}) and no build arg sets it`,
        },
      );
    }
  }

  /** Applies an ENV, which also passes to stages built on this one. */
  declareEnv({ name, value }: Declaration): void {
    const state = this.expand(name, value ?? '');
    this.variables.set(name, state);
    this.env.set(name, state);
  }

  private expand(name: string, value: string): VariableState {
    return expandDefault(
      this.context,
      name,
      value,
      this.variables,
      this.describeMissing,
    );
  }
}
