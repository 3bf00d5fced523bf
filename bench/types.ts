/** One measured figure, printed as `label: value unit`. */
export interface BenchmarkFigure {
  label: string;
  value: string;
}

/**
 * The flags given on the command line: a switch (`--cli`) maps to `true`, a flag
 * with a value (`--images 1000,5000` or `--images=1000,5000`) to its value.
 */
export type BenchmarkFlags = ReadonlyMap<string, string | true>;

/** A benchmark that `yarn bench` runs; each one is a module in this folder. */
export interface Benchmark {
  name: string;
  description: string;
  /**
   * The `--flags` it takes, with what each does; a flag that takes a value names
   * it after a space: `'--images <sizes>'`.
   */
  flags?: Record<string, string>;
  /** Runs it with the flags given on the command line. */
  run(flags: BenchmarkFlags): Promise<BenchmarkFigure[]>;
}
