// The parts of a Dockerfile that matter for base images, read from the syntax
// tree once so the rest of the analysis never touches the parser.

/** One `NAME[=value]` of an ARG or ENV; `value` keeps its quotes and escapes. */
export interface Declaration {
  name: string;
  value: string | null;
}

/** An instruction inside a stage that matters for base images. */
export type StageStep =
  | { kind: 'ARG'; line: number; declarations: Declaration[] }
  | { kind: 'ENV'; line: number; declarations: Declaration[] }
  | { kind: 'COPY' | 'RUN'; line: number; source: string };

/** A stage as written: its FROM and the steps that follow it. */
export interface ParsedStage {
  index: number;
  /** 1-based line of the FROM. */
  line: number;
  /** The image word of the FROM, unexpanded; null when the FROM is malformed. */
  image: string | null;
  /** The AS name in lowercase. */
  name: string | null;
  steps: StageStep[];
}

/** A warning found while reading; `stage` is null outside any stage. */
export interface ParseWarning {
  line: number;
  message: string;
  stage: number | null;
}

/** A Dockerfile reduced to what base image analysis needs. */
export interface ParsedDockerfile {
  escapeChar: string;
  /** The `# syntax=` directive. */
  syntax: { value: string; line: number } | null;
  /** ARG instructions before the first FROM. */
  globalArgs: Array<{ line: number; declarations: Declaration[] }>;
  stages: ParsedStage[];
  warnings: ParseWarning[];
}
