/** One measured figure, printed as `label: value unit`. */
export interface BenchmarkFigure {
  label: string;
  value: string;
}

/** A benchmark that `yarn bench` runs; each one is a module in this folder. */
export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<BenchmarkFigure[]>;
}
