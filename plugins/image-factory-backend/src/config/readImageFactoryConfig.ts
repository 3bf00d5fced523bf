import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_ENROLLMENT_DEFAULTS,
  EnrollmentDefaults,
  parseDuration,
  parsePolicyDuration,
} from '@internal/plugin-image-factory-common';

/** The plugin's settings, read once at start-up from `imageFactory.*`. */
export interface ImageFactoryConfig {
  stateRepository: {
    /** Unset: the embedded local repository under `dataDir`. */
    url?: string;
    branch: string;
    basePath: string;
    author: { name: string; email: string };
  };
  defaults: EnrollmentDefaults & { coordinationWindowMs: number };
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** `imageFactory.rebuilds.allowedRepositories`: targets beyond the entity's own repository. */
  allowedRebuildRepositories: string[];
  maxTriggersPerRun: number;
  kargoNamespace: string;
  /** `registries[].minInterval` per host: also the interval of their Warehouses. */
  registryIntervals: Record<string, string>;
  freightSource: 'registry' | 'kargo';
}

/**
 * Reads `imageFactory.*`, applying the documented defaults. A bad value fails the
 * start-up with the key's name: a misconfigured plugin must not half-run.
 */
export function readImageFactoryConfig(root: Config): ImageFactoryConfig {
  const config = root.getOptionalConfig('imageFactory');
  const repo = config?.getOptionalConfig('stateRepository');
  const defaults = config?.getOptionalConfig('defaults');
  const schedule = config?.getOptionalConfig('schedule');

  return {
    stateRepository: {
      url: repo?.getOptionalString('url'),
      branch: repo?.getOptionalString('branch') ?? 'main',
      basePath: (repo?.getOptionalString('basePath') ?? '').replace(
        /^\/+|\/+$/g,
        '',
      ),
      author: {
        name: repo?.getOptionalString('author.name') ?? 'Image Factory',
        email:
          repo?.getOptionalString('author.email') ??
          'image-factory@backstage.local',
      },
    },
    defaults: {
      rebuildDelay: checkedDuration(
        defaults?.getOptionalString('rebuildDelay') ??
          DEFAULT_ENROLLMENT_DEFAULTS.rebuildDelay,
        'imageFactory.defaults.rebuildDelay',
      ),
      autoRebuild:
        defaults?.getOptionalBoolean('autoRebuild') ??
        DEFAULT_ENROLLMENT_DEFAULTS.autoRebuild,
      platforms:
        defaults?.getOptionalStringArray('platforms') ??
        DEFAULT_ENROLLMENT_DEFAULTS.platforms,
      coordinationWindowMs: parseDuration(
        checkedDuration(
          defaults?.getOptionalString('coordinationWindow') ?? '1h',
          'imageFactory.defaults.coordinationWindow',
        ),
      ),
    },
    schedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : {
          frequency: { minutes: 30 },
          timeout: { minutes: 15 },
          initialDelay: { seconds: 15 },
        },
    maxTriggersPerRun: config?.getOptionalNumber('maxTriggersPerRun') ?? 10,
    allowedRebuildRepositories:
      config?.getOptionalStringArray('rebuilds.allowedRepositories') ?? [],
    kargoNamespace:
      config?.getOptionalString('kargo.namespace') ?? 'image-factory',
    registryIntervals: Object.fromEntries(
      (config?.getOptionalConfigArray('registries') ?? []).flatMap(entry => {
        const interval = entry.getOptionalString('minInterval');
        return interval ? [[entry.getString('host'), interval]] : [];
      }),
    ),
    freightSource: readFreightSource(
      config?.getOptionalString('freightSource.type'),
    ),
  };
}

// Both keys are policy durations: bounded like the annotation, so a default can
// never be what makes a run throw.
function checkedDuration(value: string, key: string): string {
  try {
    parsePolicyDuration(value);
    return value;
  } catch (error) {
    throw new InputError(`Invalid ${key}: ${(error as Error).message}`);
  }
}

function readFreightSource(value: string | undefined): 'registry' | 'kargo' {
  if (value === undefined || value === 'registry' || value === 'kargo') {
    return value ?? 'registry';
  }
  throw new InputError(
    `Invalid imageFactory.freightSource.type "${value}": expected registry or kargo`,
  );
}
