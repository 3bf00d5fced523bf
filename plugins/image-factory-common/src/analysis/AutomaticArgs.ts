import { formatPlatform, type Platform } from '../references';
import type { VariableState } from './expandVariables';

/** The platforms and target of one build, as BuildKit sees them. */
export interface BuildContext {
  /** The target platform, normalized (see `normalizePlatform`). */
  target: Required<Platform>;
  /** The platform of the builder, normalized. */
  build: Required<Platform>;
  /** The target stage as given, else the last stage's name, else `default`. */
  targetStage: string;
}

// The state travels wherever the variable goes (an `ARG` in a stage takes the
// global one), so reading its value is the one place that tells whether the
// result depends on the target platform.
class TargetPlatformValue {
  constructor(
    private readonly text: string,
    private readonly onRead: () => void,
  ) {}

  get value(): string {
    this.onRead();
    return this.text;
  }
}

/**
 * The ARGs BuildKit defines in the global scope of every build, from its
 * platforms and target (`frontend/dockerfile/dockerfile2llb/platform.go`,
 * `defaultArgs`; docs.docker.com, "Automatic platform ARGs in the global
 * scope"):
 *
 * - `TARGETPLATFORM` and `BUILDPLATFORM` are `os/arch[/variant]`; the `…OS`,
 *   `…ARCH` and `…VARIANT` ARGs are its parts, the variant empty when the
 *   platform has none; `…OSVERSION` is empty, as no platform here has one;
 * - `TARGETSTAGE` is the stage being built.
 *
 * As in BuildKit, a build arg of the same name replaces the value and a global
 * `ARG` with a default replaces it for the rest of the file (`scopes.ts`);
 * inside a stage they are only visible after an `ARG` naming them.
 *
 * It also records whether the analysis read a value that depends on the target
 * platform: only then can another target platform change the result.
 */
export class AutomaticArgs {
  private targetPlatformRead = false;
  private readonly states: ReadonlyArray<[string, VariableState]>;

  constructor({ target, build, targetStage }: BuildContext) {
    const onRead = () => {
      this.targetPlatformRead = true;
    };
    const byTarget = (value: string) => new TargetPlatformValue(value, onRead);
    this.states = [
      ['BUILDPLATFORM', { value: formatPlatform(build) }],
      ['BUILDOS', { value: build.os }],
      ['BUILDOSVERSION', { value: '' }],
      ['BUILDARCH', { value: build.architecture }],
      ['BUILDVARIANT', { value: build.variant }],
      ['TARGETPLATFORM', byTarget(formatPlatform(target))],
      ['TARGETOS', byTarget(target.os)],
      // No platform here has an OS version: the same for every target.
      ['TARGETOSVERSION', { value: '' }],
      ['TARGETARCH', byTarget(target.architecture)],
      ['TARGETVARIANT', byTarget(target.variant)],
      ['TARGETSTAGE', { value: targetStage }],
    ];
  }

  /** The variables, by name, as the global scope starts with them. */
  variables(): ReadonlyArray<[string, VariableState]> {
    return this.states;
  }

  /** Whether an expansion has read a value that depends on the target platform. */
  get readsTargetPlatform(): boolean {
    return this.targetPlatformRead;
  }
}
