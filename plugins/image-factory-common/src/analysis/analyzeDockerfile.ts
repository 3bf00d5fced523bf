import { formatImageReference, parseImageReference } from '../references';
import { AutomaticArgs } from './AutomaticArgs';
import { collectImageUses, type CollectedUses } from './collectImageUses';
import { countStages } from './countStages';
import { DockerfileAnalysisError } from './DockerfileAnalysisError';
import {
  DOCKERFILE_MAX_BYTES,
  EXPANSION_BUDGET,
  exceedsUtf8Bytes,
} from './limits';
import { mergeUses, mergeWarnings, type PlatformRun } from './mergeRuns';
import type { ParsedDockerfile, ParseWarning } from './parsedDockerfile';
import { readDockerfile } from './readDockerfile';
import { readPlatforms, type TargetPlatform } from './readPlatforms';
import type { StageGraph } from './stageGraph';
import type { AnalyzeDockerfileOptions, DockerfileAnalysis } from './types';

function checkContent(content: string): void {
  if (content.includes('\0')) {
    throw new DockerfileAnalysisError(
      'binary',
      'the Dockerfile contains NUL bytes; it looks like a binary file',
    );
  }
  if (exceedsUtf8Bytes(content, DOCKERFILE_MAX_BYTES)) {
    throw new DockerfileAnalysisError(
      'too-large',
      `the Dockerfile is larger than ${DOCKERFILE_MAX_BYTES} bytes`,
    );
  }
}

function parse(content: string): ParsedDockerfile {
  try {
    return readDockerfile(content);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new DockerfileAnalysisError(
      'unparsable',
      `the Dockerfile cannot be parsed: ${detail}`,
    );
  }
}

function readFrontend(
  parsed: ParsedDockerfile,
  warnings: ParseWarning[],
): DockerfileAnalysis['frontend'] {
  if (parsed.syntax === null) {
    return null;
  }
  try {
    const reference = parseImageReference(parsed.syntax.value);
    return { ref: formatImageReference(reference), ...reference };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    warnings.push({
      line: parsed.syntax.line,
      stage: null,
      message: `the # syntax= frontend is not a valid image: ${detail}`,
    });
    return null;
  }
}

function findTarget(
  parsed: ParsedDockerfile,
  graph: StageGraph,
  target: string | undefined,
): number | undefined {
  if (target === undefined) {
    return undefined;
  }
  const index = graph.findByName(target);
  if (index === undefined) {
    const names = parsed.stages.flatMap(stage => stage.name ?? []);
    throw new DockerfileAnalysisError(
      'unknown-target',
      `target stage ${JSON.stringify(target)} is not defined; ${
        names.length === 0
          ? 'the Dockerfile has no named stages'
          : `the named stages are ${names.join(', ')}`
      }`,
    );
  }
  return index;
}

// Resolves the stages for the first target platform and, when that read a
// value that depends on the platform, for each of the others too: only then
// can they differ. Every run walks the same parse.
function collectPerPlatform(
  parsed: ParsedDockerfile,
  options: AnalyzeDockerfileOptions,
  { build, targets }: ReturnType<typeof readPlatforms>,
): Array<CollectedUses & { platform: string }> {
  // As BuildKit: the target, else the last stage's name, else "default".
  const targetStage =
    options.target ?? parsed.stages[parsed.stages.length - 1].name ?? 'default';
  const argsOf = (target: TargetPlatform) =>
    new AutomaticArgs({ target: target.platform, build, targetStage });
  const collect = (target: TargetPlatform, automaticArgs = argsOf(target)) => ({
    platform: target.name,
    ...collectImageUses(
      parsed,
      options.buildArgs ?? {},
      EXPANSION_BUDGET,
      automaticArgs,
    ),
  });
  const firstArgs = argsOf(targets[0]);
  const first = collect(targets[0], firstArgs);
  return firstArgs.readsTargetPlatform
    ? [first, ...targets.slice(1).map(target => collect(target))]
    : [first];
}

/**
 * Finds the base images of a Dockerfile, following docs/dockerfile-analysis.md.
 *
 * @remarks
 * Base images come from `FROM` (not `scratch`, not an earlier stage),
 * `COPY --from=<image>` and `RUN --mount=…,from=<image>` (not a stage name or
 * index). Variables are expanded as Docker does: global ARGs (before the first
 * FROM) and BuildKit's automatic platform ARGs in FROM, the stage's ARG and ENV
 * in `--from` values, build args overriding declared ARGs. A reference that
 * cannot be resolved or is invalid becomes a warning, never a base image. Each
 * image appears once, with every stage using it. With `target`, only that
 * stage and the stages it depends on (through FROM, `COPY --from` and
 * `RUN --mount from=`) count, for base images, stages and warnings alike. The
 * `# syntax=` image is reported as `frontend`.
 *
 * When the Dockerfile reads a target platform ARG (`TARGETARCH`, …), the
 * stages are resolved once per target platform and merged: a base image or a
 * warning only some platforms have says which. Otherwise one resolution serves
 * every platform, and the result is the same whatever the platforms.
 *
 * @throws {@link DockerfileAnalysisError} when the content contains NUL bytes, is
 *   larger than {@link DOCKERFILE_MAX_BYTES}, has no FROM, or does not define the
 *   target stage. Any other problem is a warning in the result.
 * @throws TypeError when a platform of the options is not `os/arch[/variant]`.
 * @public
 */
export function analyzeDockerfile(
  content: string,
  options: AnalyzeDockerfileOptions = {},
): DockerfileAnalysis {
  const platforms = readPlatforms(options);
  checkContent(content);
  const parsed = parse(content);
  if (parsed.stages.length === 0) {
    throw new DockerfileAnalysisError(
      'no-from',
      'the Dockerfile has no FROM instruction',
    );
  }

  const collected = collectPerPlatform(parsed, options, platforms);
  const target = findTarget(parsed, collected[0].graph, options.target);
  const counts = countStages(
    collected.map(run => run.graph),
    parsed.stages.length,
    target,
  );
  const runs: PlatformRun[] = collected.map((run, index) => ({
    platform: run.platform,
    uses: run.uses,
    warnings: run.warnings,
    counts: counts[index],
  }));

  const frontendWarnings: ParseWarning[] = [];
  const frontend = readFrontend(parsed, frontendWarnings);
  return {
    baseImages: mergeUses(runs, parsed.stages),
    frontend,
    stages: parsed.stages
      .filter(stage => runs.some(run => run.counts.has(stage.index)))
      .map(stage => ({ name: stage.name, index: stage.index })),
    warnings: mergeWarnings(runs, frontendWarnings),
  };
}
