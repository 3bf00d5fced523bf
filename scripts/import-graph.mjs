#!/usr/bin/env node
// Prints which folder imports which, for the production code of every package:
//   node scripts/import-graph.mjs [git-revision]
// A folder is a package's first level under src/ (`backend/pipeline`); files
// directly in src/ are the package's root (`backend/.`). Tests and test support
// (`*.test.ts`, `__testUtils__`, `__fixtures__`) are left out, and so are
// imports of outside packages. With a revision, the graph is of that commit.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const revision = process.argv[2];

const PACKAGES = {
  'plugins/image-factory-backend': 'backend',
  'plugins/image-factory-common': 'common',
  'plugins/image-factory': 'frontend',
  'packages/cli': 'cli',
  'packages/backend': 'app-backend',
  'packages/app': 'app',
};
const NAMES = {
  '@image-factory/backstage-plugin-image-factory-backend': 'backend',
  '@image-factory/backstage-plugin-image-factory-common': 'common',
  '@image-factory/backstage-plugin-image-factory': 'frontend',
};

function git(...args) {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8' });
}

const allFiles = new Set(
  revision
    ? git('ls-tree', '-r', '--name-only', revision).split('\n')
    : git('ls-files', '--cached', '--others', '--exclude-standard')
        .split('\n')
        .filter(file => file && existsSync(join(root, file))),
);

function listFiles() {
  return [...allFiles].filter(
    file =>
      /\.(ts|tsx)$/.test(file) &&
      !/\.test\.tsx?$/.test(file) &&
      !/__(testUtils|fixtures|golden)__/.test(file) &&
      !file.endsWith('.d.ts') &&
      Object.keys(PACKAGES).some(p => file.startsWith(`${p}/src/`)),
  );
}

function read(file) {
  return revision
    ? git('show', `${revision}:${file}`)
    : readFileSync(join(root, file), 'utf8');
}

function folderOf(file) {
  const pkg = Object.keys(PACKAGES).find(p => file.startsWith(`${p}/src/`));
  const rest = file.slice(pkg.length + '/src/'.length).split('/');
  return `${PACKAGES[pkg]}/${rest.length > 1 ? rest[0] : '.'}`;
}

const edges = new Map();
for (const file of listFiles()) {
  const from = folderOf(file);
  const text = read(file);
  for (const match of text.matchAll(
    /(?:from\s+|import\s*\(\s*|require\(\s*)'([^']+)'/g,
  )) {
    const spec = match[1];
    let to;
    if (spec.startsWith('.')) {
      const target = normalize(join(dirname(file), spec));
      // `../api` is the folder api/ unless a module api.ts stands there.
      const isModule = ['.ts', '.tsx'].some(ext => allFiles.has(target + ext));
      to = folderOf(isModule ? `${target}.ts` : `${target}/index.ts`);
    } else {
      const name = Object.keys(NAMES)
        .sort((a, b) => b.length - a.length)
        .find(n => spec === n || spec.startsWith(`${n}/`));
      to = name && NAMES[name];
    }
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from).add(to);
  }
}

for (const from of [...edges.keys()].sort()) {
  console.log(`${from} → ${[...edges.get(from)].sort().join(', ')}`);
}
