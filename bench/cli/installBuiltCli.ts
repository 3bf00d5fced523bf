import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../..');

// The CLI and the one workspace package it depends on; the common package goes
// first, so that npm finds the version the CLI asks for among the tarballs.
const PACKAGES = ['plugins/image-factory-common', 'packages/cli'];

function run(cwd: string, command: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    child.on('error', fail);
    child.on('close', code =>
      code === 0
        ? done()
        : fail(
            new Error(
              `${command} ${args.join(' ')} in ${cwd}: exit ${code}\n${output}`,
            ),
          ),
    );
  });
}

/**
 * Builds and packs the CLI and the common package as they are published, and
 * installs the tarballs with npm into `dir`, as a user of the CLI would get them:
 * the bin runs dist/, against the common package's dist/. Takes about half a
 * minute (tsc for the declarations the build reads, two builds, two packs, an npm
 * install that fetches the dependencies unless npm's cache has them).
 */
export async function installBuiltCli(dir: string): Promise<string> {
  await run(REPO, 'yarn', ['tsc']);
  const tarballs: string[] = [];
  for (const folder of PACKAGES) {
    const tarball = path.join(dir, `${path.basename(folder)}.tgz`);
    await run(path.join(REPO, folder), 'yarn', ['build']);
    await run(path.join(REPO, folder), 'yarn', ['pack', '--out', tarball]);
    tarballs.push(tarball);
  }
  const install = path.join(dir, 'install');
  await mkdir(install);
  await writeFile(path.join(install, 'package.json'), '{"private": true}\n');
  await run(install, 'npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    '--loglevel=error',
    ...tarballs,
  ]);
  return path.join(
    install,
    'node_modules/@image-factory/cli/bin/image-factory',
  );
}
