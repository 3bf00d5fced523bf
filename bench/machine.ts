import { cpus, loadavg } from 'node:os';
import type { BenchmarkFigure } from './types';

/**
 * The figures' context: cores, Node, and the load average when a benchmark
 * started (`loadBefore`, from `loadavg()[0]`) and now, since a busy machine
 * explains a slow figure.
 */
export function describeMachine(loadBefore: number): BenchmarkFigure {
  return {
    label: 'machine',
    value: `${cpus().length} cores, Node ${
      process.versions.node
    }, load average ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(
      1,
    )} after`,
  };
}
