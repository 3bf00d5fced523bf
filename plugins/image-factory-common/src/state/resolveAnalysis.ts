import type { DockerfileAnalysis } from '../analysis';
import { formatImageReference } from '../references';
import { canonicalJson } from './canonicalJson';
import { compareText } from './compareText';
import type { AnalysisState, BaseImageUsage, ManagedImageState } from './types';

/**
 * What the analysis step learned about one managed image in this run.
 *
 * @public
 */
export type AnalysisOutcome =
  | { status: 'ok'; analysis: DockerfileAnalysis; analyzedAt: string }
  | { status: 'failed'; error: string; analyzedAt: string };

/**
 * A base image reference of a managed image, with the platforms the Dockerfile
 * uses it for when not all of them.
 */
export type AnalysedRef = Pick<BaseImageUsage, 'ref' | 'platforms'>;

/** The base image references and analysis a managed image gets from a merge. */
export interface ResolvedAnalysis {
  /** Normalized references, sorted, without duplicates. */
  refs: AnalysedRef[];
  analysis: AnalysisState;
}

const PENDING: AnalysisState = {
  status: 'pending',
  analyzedAt: null,
  error: null,
  warnings: [],
  frontend: null,
};

// Sorted by reference, each once: the first use of a reference listed twice.
function sortedUnique(uses: AnalysedRef[]): AnalysedRef[] {
  const byRef = new Map<string, AnalysedRef>();
  for (const { ref, platforms } of uses) {
    if (!byRef.has(ref)) {
      byRef.set(ref, platforms ? { ref, platforms } : { ref });
    }
  }
  return [...byRef.values()].sort((a, b) => (a.ref < b.ref ? -1 : 1));
}

function priorRefs(prior: ManagedImageState | undefined): AnalysedRef[] {
  return sortedUnique(prior?.baseImages ?? []);
}

function sameResult(a: ResolvedAnalysis, b: ResolvedAnalysis): boolean {
  const strip = ({ analyzedAt: _, ...rest }: AnalysisState) => rest;
  return (
    canonicalJson([a.refs, strip(a.analysis)]) ===
    canonicalJson([b.refs, strip(b.analysis)])
  );
}

/**
 * Combines this run's analysis outcome with the image's previous state. A
 * failed analysis keeps the previous base images (nothing is lost) and records
 * the error; no outcome keeps everything as it was. `analyzedAt` is when the
 * recorded result was first obtained: re-analysing to the same result does
 * not move it, so a run that learns nothing new changes no file.
 */
export function resolveAnalysis(
  prior: ManagedImageState | undefined,
  outcome: AnalysisOutcome | undefined,
): ResolvedAnalysis {
  const previous: ResolvedAnalysis = {
    refs: priorRefs(prior),
    analysis: prior?.analysis ?? PENDING,
  };
  if (!outcome) {
    return previous;
  }
  const next: ResolvedAnalysis =
    outcome.status === 'ok'
      ? {
          refs: sortedUnique(
            outcome.analysis.baseImages.map(use => ({
              ref: formatImageReference(use),
              platforms: use.platforms,
            })),
          ),
          analysis: {
            status: 'ok',
            analyzedAt: outcome.analyzedAt,
            error: null,
            warnings: [...outcome.analysis.warnings]
              .map(w => ({ line: w.line, message: w.message }))
              .sort(
                (a, b) => a.line - b.line || compareText(a.message, b.message),
              ),
            frontend: outcome.analysis.frontend
              ? formatImageReference(outcome.analysis.frontend)
              : null,
          },
        }
      : {
          refs: previous.refs,
          analysis: {
            status: 'failed',
            analyzedAt: outcome.analyzedAt,
            error: outcome.error,
            warnings: [],
            frontend: prior?.analysis.frontend ?? null,
          },
        };
  if (prior && sameResult(previous, next)) {
    return previous;
  }
  return next;
}
