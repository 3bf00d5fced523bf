import {
  mkdir,
  readdir,
  readFile,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import {
  parseStateTree,
  planWarehouses,
  renderStateTree,
  STATE_SETTINGS_PATH,
  stateSettings,
  type StateSettings,
  type WarehouseOptions,
} from '@image-factory/backstage-plugin-image-factory-common';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exitCodes';
import type { CliContext } from './types';

/** The options of `image-factory synth`, as commander parses them. */
export interface SynthFlags {
  stateDir: string;
  namespace?: string;
  registryInterval?: Record<string, string>;
  publicInterval?: string;
  defaultInterval?: string;
  check?: boolean;
}

const WAREHOUSES = 'manifests/warehouses/';

/** The flags that set Warehouse options, by their key in {@link SynthFlags}. */
const WAREHOUSE_FLAGS = {
  namespace: '--namespace',
  registryInterval: '--registry-interval',
  publicInterval: '--public-interval',
  defaultInterval: '--default-interval',
} as const;

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Every file below `dir`, by path relative to `root` with `/` separators. */
async function readTree(
  root: string,
  dir: string,
  files = new Map<string, string>(),
): Promise<Map<string, string>> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      await readTree(root, path, files);
    } else if (entry.isFile()) {
      files.set(
        relative(root, path).split(sep).join('/'),
        await readFile(path, 'utf8'),
      );
    }
  }
  return files;
}

/**
 * The Warehouse files that exist but would not be generated, and the generated
 * files whose content differs from what is on disk.
 */
function compare(
  existing: Map<string, string>,
  generated: Map<string, string>,
): { stale: string[]; outdated: string[] } {
  const stale = [...existing.keys()]
    .filter(path => path.startsWith(WAREHOUSES) && !generated.has(path))
    .sort();
  const outdated = [...generated]
    .filter(([path, content]) => existing.get(path) !== content)
    .map(([path]) => path)
    .sort();
  return { stale, outdated };
}

/**
 * Regenerates, or with `--check` compares, the manifests of the state
 * repository at `--state-dir`, as `synth.ts` describes.
 */
export async function runSynth(
  flags: SynthFlags,
  context: CliContext,
): Promise<void> {
  const fail = (status: number, message: string) => {
    context.writeErr(`image-factory synth: ${message}\n`);
    context.reportStatus(status);
  };
  const root = resolve(context.cwd, flags.stateDir);
  if (!(await isDirectory(join(root, 'state')))) {
    fail(
      EXIT_USAGE,
      `${root} has no state/ folder: point --state-dir at a state repository`,
    );
    return;
  }

  const read = await readTree(root, join(root, 'state'));
  const { state, invalid, settings: stored } = parseStateTree(read);
  if (invalid.length > 0) {
    // The same text as the backend's run summary: path, then why. An invalid
    // settings file stops it too: the manifests would otherwise be rendered
    // with the defaults, which is not what the repository says.
    for (const file of invalid) {
      fail(EXIT_FAILED, `${file.path}: ${file.error}`);
    }
    fail(
      EXIT_FAILED,
      'no manifests written: fix or remove the invalid state files',
    );
    return;
  }

  const flagged = Object.entries(WAREHOUSE_FLAGS)
    .filter(([key]) => flags[key as keyof typeof WAREHOUSE_FLAGS] !== undefined)
    .map(([, flag]) => flag);
  // The manifests are what the settings in the repository say, or they could
  // not be reproduced from it: flags that would render others are refused.
  if (stored && flagged.length > 0) {
    fail(
      EXIT_USAGE,
      `${STATE_SETTINGS_PATH} sets the Warehouse options of this repository, as the backend wrote them: drop ${flagged.join(
        ', ',
      )} (they apply only to a repository without that file)`,
    );
    return;
  }

  let settings: StateSettings | undefined = stored;
  let manifests: Map<string, string>;
  try {
    // A repository from before the settings file: the flags, else the defaults.
    if (!stored && flagged.length > 0) {
      const options: WarehouseOptions = {
        namespace: flags.namespace,
        registryIntervals: flags.registryInterval,
        publicRegistryInterval: flags.publicInterval,
        defaultInterval: flags.defaultInterval,
      };
      settings = stateSettings(options);
    }
    // The backend's render, with the settings the repository holds.
    manifests = new Map(
      [...renderStateTree(state, settings)].filter(([path]) =>
        path.startsWith('manifests/'),
      ),
    );
  } catch (error) {
    fail(EXIT_USAGE, error instanceof Error ? error.message : String(error));
    return;
  }
  for (const image of planWarehouses(state, settings?.warehouses)
    .unmonitorable) {
    context.writeErr(
      `image-factory synth: not monitored: ${image.ref} (${image.entities.join(
        ', ',
      )}): ${image.reason}\n`,
    );
  }

  const existing = (await isDirectory(join(root, 'manifests')))
    ? await readTree(root, join(root, 'manifests'))
    : new Map<string, string>();
  const { stale, outdated } = compare(existing, manifests);
  if (flags.check) {
    for (const path of [...outdated, ...stale]) {
      context.writeOut(
        `${stale.includes(path) ? 'stale' : 'outdated'}: ${path}\n`,
      );
    }
    if (outdated.length + stale.length > 0) {
      fail(
        EXIT_FAILED,
        'manifests are not up to date with state/: run image-factory synth',
      );
    }
    return;
  }
  for (const path of outdated) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), manifests.get(path)!);
  }
  for (const path of stale) {
    await rm(join(root, path));
  }
  const warehouses = [...manifests.keys()].filter(p =>
    p.startsWith(WAREHOUSES),
  ).length;
  context.writeOut(
    `${warehouses} Warehouses in ${join(root, 'manifests')}: ${
      outdated.length
    } written, ${stale.length} removed\n`,
  );
  context.reportStatus(EXIT_OK);
}
