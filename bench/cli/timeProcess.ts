import { spawn } from 'node:child_process';

/** One run of a process: how long it took, how it ended, what it printed. */
export interface ProcessRun {
  milliseconds: number;
  status: number | null;
  stdoutBytes: number;
}

// Output is counted, not kept: the figure is the process's own time.
function runOnce(args: string[], cwd: string): Promise<ProcessRun> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, {
      cwd,
      // Under `yarn bench`, INIT_CWD would make the CLI read paths from the
      // repository root instead of `cwd`.
      env: { ...process.env, INIT_CWD: undefined },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdoutBytes = 0;
    child.stdout.on('data', (chunk: Buffer) => (stdoutBytes += chunk.length));
    child.on('error', fail);
    child.on('close', status =>
      done({ milliseconds: performance.now() - start, status, stdoutBytes }),
    );
  });
}

/**
 * Runs `node <args>` `runs` times, one after the other, after one run to warm
 * the file system cache, and returns the runs.
 */
export async function timeProcess(
  args: string[],
  cwd: string,
  runs: number,
): Promise<ProcessRun[]> {
  await runOnce(args, cwd);
  const result: ProcessRun[] = [];
  for (let i = 0; i < runs; i++) {
    result.push(await runOnce(args, cwd));
  }
  return result;
}
