import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const RUN_CLI = resolve(__dirname, 'runCli.ts');
const NODE_TRANSFORM = require.resolve(
  '@backstage/cli/config/nodeTransform.cjs',
);

// Runs the command line in a fresh process and lists the modules it loaded.
function modulesLoadedBy(cwd: string, args: string[]): Promise<string[]> {
  const script = `
    const { runCli } = require(${JSON.stringify(RUN_CLI)});
    const quiet = () => {};
    runCli(${JSON.stringify(
      args,
    )}, { cwd: process.cwd(), writeOut: quiet, writeErr: quiet })
      .then(status => process.stdout.write(JSON.stringify({ status, modules: Object.keys(require.cache) })));
  `;
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      ['--require', NODE_TRANSFORM, '-e', script],
      { cwd },
      (error, stdout) => {
        if (error) {
          fail(error);
          return;
        }
        const { status, modules } = JSON.parse(stdout);
        expect(status).toBe(0);
        done(modules);
      },
    );
  });
}

// What only synth and the state handling need.
const STATE_MODULES =
  /node_modules\/(zod|yaml|@backstage\/catalog-model)\/|image-factory-common\/src\/(state|warehouses)\/|runSynth/;

describe('runCli', () => {
  jest.setTimeout(60_000);
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'image-factory-load-'));
    await writeFile(join(dir, 'Dockerfile'), 'FROM alpine:3.20\n');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the analysis for analyze, and nothing that only synth needs', async () => {
    const modules = await modulesLoadedBy(dir, ['analyze', 'Dockerfile']);
    expect(modules).toContainEqual(expect.stringMatching(/runAnalyze\.ts$/));
    expect(modules).toContainEqual(
      expect.stringMatching(/analysis\/readDockerfile\.ts$/),
    );
    expect(modules.filter(path => STATE_MODULES.test(path))).toEqual([]);
  });

  it('loads no command for --help', async () => {
    const modules = await modulesLoadedBy(dir, ['--help']);
    expect(
      modules.filter(path => /runAnalyze|image-factory-common/.test(path)),
    ).toEqual([]);
    expect(modules.filter(path => STATE_MODULES.test(path))).toEqual([]);
  });
});
