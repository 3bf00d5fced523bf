import { formatImageReference, parseImageReference } from '../references';
import { collectImageUses, type ImageUse } from './collectImageUses';
import { DockerfileAnalysisError } from './DockerfileAnalysisError';
import {
  DOCKERFILE_MAX_BYTES,
  EXPANSION_BUDGET,
  exceedsUtf8Bytes,
} from './limits';
import type { ParsedDockerfile, ParseWarning } from './parsedDockerfile';
import { readDockerfile } from './readDockerfile';
import { stageId } from './stageGraph';
import type {
  AnalyzeDockerfileOptions,
  BaseImageUse,
  DockerfileAnalysis,
} from './types';

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

function mergeUses(
  uses: ImageUse[],
  stages: ParsedDockerfile['stages'],
  counts: Set<number>,
): BaseImageUse[] {
  const byRef = new Map<string, { image: BaseImageUse; stages: Set<number> }>();
  for (const use of uses) {
    if (!counts.has(use.stage)) {
      continue;
    }
    const ref = formatImageReference(use.reference);
    const known = byRef.get(ref);
    if (known === undefined) {
      byRef.set(ref, {
        image: {
          ref,
          ...use.reference,
          instruction: use.instruction,
          stages: [stageId(stages[use.stage])],
          line: use.line,
        },
        stages: new Set([use.stage]),
      });
    } else if (!known.stages.has(use.stage)) {
      known.stages.add(use.stage);
      known.image.stages.push(stageId(stages[use.stage]));
    }
  }
  return [...byRef.values()].map(entry => entry.image);
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

/**
 * Finds the base images of a Dockerfile, following docs/dockerfile-analysis.md.
 *
 * @remarks
 * Base images come from `FROM` (not `scratch`, not an earlier stage),
 * `COPY --from=<image>` and `RUN --mount=…,from=<image>` (not a stage name or
 * index). Variables are expanded as Docker does: global ARGs (before the first
 * FROM) in FROM, the stage's ARG and ENV in `--from` values, build args
 * overriding declared ARGs. A reference that cannot be resolved or is invalid
 * becomes a warning, never a base image. Each image appears once, with every
 * stage using it. With `target`, only that stage and the stages it depends on
 * (through FROM, `COPY --from` and `RUN --mount from=`) count, for base images,
 * stages and warnings alike. The `# syntax=` image is reported as `frontend`.
 *
 * @throws {@link DockerfileAnalysisError} when the content contains NUL bytes, is
 *   larger than {@link DOCKERFILE_MAX_BYTES}, has no FROM, or does not define the
 *   target stage. Any other problem is a warning in the result.
 * @public
 */
export function analyzeDockerfile(
  content: string,
  options: AnalyzeDockerfileOptions = {},
): DockerfileAnalysis {
  checkContent(content);
  const parsed = parse(content);
  if (parsed.stages.length === 0) {
    throw new DockerfileAnalysisError(
      'no-from',
      'the Dockerfile has no FROM instruction',
    );
  }

  const { uses, warnings, graph } = collectImageUses(
    parsed,
    options.buildArgs ?? {},
    EXPANSION_BUDGET,
  );

  let counts = new Set(parsed.stages.map(stage => stage.index));
  if (options.target !== undefined) {
    const target = graph.findByName(options.target);
    if (target === undefined) {
      const names = parsed.stages.flatMap(stage => stage.name ?? []);
      throw new DockerfileAnalysisError(
        'unknown-target',
        `target stage ${JSON.stringify(options.target)} is not defined; ${
          names.length === 0
            ? 'the Dockerfile has no named stages'
            : `the named stages are ${names.join(', ')}`
        }`,
      );
    }
    counts = graph.closure(target);
  }

  const frontend = readFrontend(parsed, warnings);
  return {
    baseImages: mergeUses(uses, parsed.stages, counts),
    frontend,
    stages: parsed.stages
      .filter(stage => counts.has(stage.index))
      .map(stage => ({ name: stage.name, index: stage.index })),
    warnings: warnings
      .filter(warning => warning.stage === null || counts.has(warning.stage))
      .sort((a, b) => a.line - b.line)
      .map(({ line, message }) => ({ line, message })),
  };
}
