/** One measured figure, printed as `label: value unit`. */
export interface BenchmarkFigure {
  label: string;
  value: string;
}

/** A benchmark that `yarn bench` runs; each one is a module in this folder. */
export interface Benchmark {
  name: string;
  description: string;
  /** The `--flags` it takes, with what each does. */
  flags?: Record<string, string>;
  /** Runs it with the flags given on the command line. */
  run(flags: ReadonlySet<string>): Promise<BenchmarkFigure[]>;
}
