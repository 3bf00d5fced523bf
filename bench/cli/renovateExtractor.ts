import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** How to make the comparison with Renovate run, printed when it is skipped. */
const RENOVATE_HINT =
  'npm install --no-save --prefix bench renovate (a few hundred MB, into bench/node_modules)';

// Renovate's Dockerfile extractor in its published package (lib/ compiled to dist/).
const EXTRACTOR = 'dist/modules/manager/dockerfile/extract.js';

// Looked up folder by folder rather than with require.resolve, which the
// package's `exports` may not allow for its internals.
function findRenovate(): string | undefined {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules/renovate');
    if (existsSync(path.join(candidate, 'package.json'))) {
      return candidate;
    }
    if (path.dirname(dir) === dir) {
      return undefined;
    }
  }
}

/** Renovate's Dockerfile extractor, or why it cannot be used. */
type FoundRenovate =
  | { extractor: string; version: string }
  | { skipped: string };

/** Finds Renovate's Dockerfile extractor where the bench folder can load it. */
function findRenovateExtractor(): FoundRenovate {
  const renovate = findRenovate();
  if (!renovate) {
    return {
      skipped: `renovate is not installed; to compare: ${RENOVATE_HINT}`,
    };
  }
  const extractor = path.join(renovate, EXTRACTOR);
  if (!existsSync(extractor)) {
    return { skipped: `${renovate} has no ${EXTRACTOR}` };
  }
  const { version } = JSON.parse(
    readFileSync(path.join(renovate, 'package.json'), 'utf8'),
  );
  return { extractor, version };
}

/** Renovate's `extractPackageFile` for Dockerfiles, loaded in this process. */
export interface LoadedRenovate {
  version: string;
  /** How long loading Renovate took, in milliseconds. */
  loadMilliseconds: number;
  /** Extracts a Dockerfile's dependencies and returns how many it found. */
  extract(content: string): number;
}

type Extract = (
  content: string,
  packageFile: string,
  config: object,
) => { deps: unknown[] } | null;

// The published package is CommonJS today; an ES module has its exports on
// `default` when imported from here.
function extractorOf(loaded: Record<string, unknown>): Extract {
  return (loaded.extractPackageFile ??
    (loaded.default as Record<string, unknown>).extractPackageFile) as Extract;
}

/** Loads Renovate's Dockerfile extractor into this process; or says why not. */
export async function loadRenovateExtractor(): Promise<
  LoadedRenovate | { skipped: string }
> {
  const found = findRenovateExtractor();
  if ('skipped' in found) {
    return found;
  }
  const start = performance.now();
  const extractPackageFile = extractorOf(
    await import(pathToFileURL(found.extractor).href),
  );
  return {
    version: found.version,
    loadMilliseconds: performance.now() - start,
    extract: content =>
      extractPackageFile(content, 'Dockerfile', {})?.deps.length ?? 0,
  };
}

/**
 * Writes a script that runs Renovate's Dockerfile extractor over the files given
 * as arguments in a plain node process, and returns its path; or says why not.
 */
export async function writeRenovateScript(
  dir: string,
): Promise<{ script: string } | { skipped: string }> {
  const found = findRenovateExtractor();
  if ('skipped' in found) {
    return found;
  }
  const script = path.join(dir, 'renovate-extract.mjs');
  // Reads the files at once, as image-factory does, then extracts each; prints
  // the number of dependencies found so that the work is observable.
  await writeFile(
    script,
    `import { readFile } from 'node:fs/promises';
const loaded = await import(${JSON.stringify(
      pathToFileURL(found.extractor).href,
    )});
const { extractPackageFile } = loaded.extractPackageFile ? loaded : loaded.default;
const files = process.argv.slice(2);
const texts = await Promise.all(files.map(file => readFile(file, 'utf8')));
let deps = 0;
texts.forEach((text, i) => {
  deps += extractPackageFile(text, files[i], {})?.deps.length ?? 0;
});
process.stdout.write(deps + ' dependencies\\n');
`,
  );
  return { script };
}
