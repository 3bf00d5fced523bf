import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

const ENTRY = resolve(__dirname, '../index.ts');
const NODE_TRANSFORM = require.resolve(
  '@backstage/cli/config/nodeTransform.cjs',
);

/** How a process ended and what it printed. */
export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to its end; INIT_CWD is unset unless `env` sets it. */
export function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Run> {
  return new Promise(done => {
    execFile(
      command,
      args,
      { cwd, env: { ...process.env, INIT_CWD: undefined, ...env } },
      (error, stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        done({
          status: typeof code === 'number' ? code : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

/**
 * Runs image-factory from its sources in a process of its own, as
 * `yarn image-factory` does: the commands load their modules with `import()`,
 * which Jest cannot run in-process.
 */
export function runImageFactory(
  cwd: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Run> {
  return run(
    process.execPath,
    ['--require', NODE_TRANSFORM, ENTRY, ...args],
    cwd,
    env,
  );
}
