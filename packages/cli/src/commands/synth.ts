import { InvalidArgumentError, type Command } from 'commander';
import type { SynthFlags } from './runSynth';
import { loadLazily } from './loadLazily';
import type { CliCommand, CliContext } from './types';

function collectInterval(
  pair: string,
  previous: Record<string, string> | undefined,
): Record<string, string> {
  const equals = pair.indexOf('=');
  if (equals <= 0 || equals === pair.length - 1) {
    throw new InvalidArgumentError('expected HOST=DURATION, e.g. ghcr.io=6h.');
  }
  return { ...previous, [pair.slice(0, equals)]: pair.slice(equals + 1) };
}

/**
 * `image-factory synth --state-dir <dir>`: regenerates `<dir>/manifests/` (the
 * Kargo Warehouses and their Kustomization) from `<dir>/state/` with the same
 * render function as the backend and the settings the backend wrote in
 * `state/_settings.yaml`, so it reproduces the committed manifests byte for
 * byte; it removes Warehouse files no longer generated. Exits 1 naming the
 * file and field when a state file, the settings file included, is invalid;
 * `--check` only reports whether the manifests are up to date. The Warehouse
 * flags are for a repository without a settings file (written before it
 * existed); with one, they are refused.
 */
export const synthCommand: CliCommand = {
  register(program: Command, context: CliContext) {
    program
      .command('synth')
      .description(
        'regenerate the Kargo Warehouse manifests of a state repository from its state files',
      )
      .requiredOption(
        '--state-dir <dir>',
        'the state repository (holding state/ and manifests/)',
      )
      .option(
        '--namespace <namespace>',
        'Kargo Project namespace of the Warehouses (default image-factory); only without state/_settings.yaml',
      )
      .option(
        '--registry-interval <HOST=DURATION>',
        'Warehouse interval for one registry, e.g. ghcr.io=6h (repeatable); only without state/_settings.yaml',
        collectInterval,
      )
      .option(
        '--public-interval <duration>',
        'interval for public registries (default 24h); only without state/_settings.yaml',
      )
      .option(
        '--default-interval <duration>',
        'interval for other registries (default 5m); only without state/_settings.yaml',
      )
      .option(
        '--check',
        'change nothing; exit 1 when the manifests are not up to date',
      )
      .action(async (flags: SynthFlags) => {
        // Loaded only when synth runs: the state model, its schemas and the
        // Warehouse rendering are not needed by the other commands.
        const { runSynth } = await loadLazily(import('./runSynth'));
        await runSynth(flags, context);
      });
  },
};
