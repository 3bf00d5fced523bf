import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  DEFAULT_ENROLLMENT_DEFAULTS,
  EnrollmentDefaults,
  FreightOrigin,
  MAX_POLICY_DURATION_MS,
  parsePolicyDuration,
  parsePlatform,
  SEVERITIES,
  Severity,
} from '@image-factory/backstage-plugin-image-factory-common';
import { readConfigDuration } from './readConfigDuration';
import { readRegistrySettings, RegistrySettings } from './readRegistrySettings';
import { readSignaturePolicies } from './readSignaturePolicies';
import type { SignaturePolicy } from '../supplyChain/EvidenceChecker';

export type { RegistrySettings } from './readRegistrySettings';
export { warehouseRegistryIntervals } from './readRegistrySettings';

// What a numeric key may hold, and how its error says so.
interface NumberRule {
  valid(value: number): boolean;
  expected: string;
}
const COUNT: NumberRule = {
  valid: value => Number.isInteger(value) && value >= 1,
  expected: 'is not a whole number of at least 1',
};
const RATIO: NumberRule = {
  valid: value => Number.isFinite(value) && value >= 0 && value <= 1,
  expected: 'is not between 0 and 1',
};

/** The plugin's settings, read once at start-up from `imageFactory.*`. */
export interface ImageFactoryConfig {
  stateRepository: {
    /** Unset: the embedded local repository under `dataDir`. */
    url?: string;
    branch: string;
    basePath: string;
    author: { name: string; email: string };
  };
  defaults: EnrollmentDefaults & {
    coordinationWindowMs: number;
    /** `imageFactory.defaults.internalDelay` (docs/eligibility.md, "Chains of internal base images"). */
    internalDelayMs: number;
  };
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** A run still going after this long stops: well inside the schedule's timeout. */
  runDeadlineMs: number;
  /** `imageFactory.rebuilds.allowedRepositories`: targets beyond the entity's own repository. */
  allowedRebuildRepositories: string[];
  /** `imageFactory.rebuilds.runTimeout`: how long a rebuild waits for its run to appear. */
  runTimeoutMs: number;
  maxTriggersPerRun: number;
  /** `imageFactory.safety`: limits that keep one bad run from doing much harm. */
  safety: {
    /** Largest share (0 to 1) of the active images one run may archive. */
    maxArchiveRatio: number;
    maxBaseImagesPerDockerfile: number;
    maxNewTagsPerRun: number;
  };
  /** `imageFactory.kargo.namespace`: of the Warehouses, and where Kargo's `Freight` is read. */
  kargoNamespace: string;
  /**
   * `imageFactory.registries` and `imageFactory.allowPublic`. A host's
   * `minIntervalMs` is also the interval of its Warehouses
   * ({@link warehouseRegistryIntervals}).
   */
  registries: RegistrySettings;
  /** `imageFactory.freightSource`. */
  freightSource: FreightSourceSettings;
  /** `imageFactory.supplyChain.signatures`: the keys that sign base images. */
  signatures: SignaturePolicy[];
  /** `imageFactory.supplyChain.vulnerabilities`. */
  vulnerabilities: VulnerabilitySettings;
  /** `imageFactory.supplyChain.bypassSeverity`; unset: no evidence-based bypass. */
  bypassSeverity?: Severity;
}

/** How vulnerability attestations are read. */
export interface VulnerabilitySettings {
  /** The ids at or above this severity are listed; default `high`. */
  listSeverity: Severity;
  /** A scan that finished longer ago than this is expired; default 7 days. */
  maxAgeMs: number;
  /**
   * `trivyOperator`, when set: the cluster whose Trivy Operator
   * `VulnerabilityReport` resources are read too.
   */
  trivyOperator?: {
    /** Unset: every namespace. */
    namespace?: string;
    kubernetes?: KubernetesSettings;
  };
}

/** `imageFactory.freightSource`: where freight comes from. */
export interface FreightSourceSettings {
  /** Default `registry`. */
  type: FreightOrigin;
  /** `kubernetes`, when set: how the `kargo` source reaches the Kubernetes API. */
  kubernetes?: KubernetesSettings;
}

/** How a Kubernetes API is reached. */
export interface KubernetesSettings {
  /** Unset: the in-cluster service account. */
  url?: string;
  token?: string;
  skipTLSVerify: boolean;
}

const POLICY_DURATION = {
  max: { ms: MAX_POLICY_DURATION_MS, text: '365d' },
} as const;

/**
 * Reads `imageFactory.*`, applying the documented defaults. A bad value fails the
 * start-up with the key's name: a misconfigured plugin must not half-run.
 */
export function readImageFactoryConfig(root: Config): ImageFactoryConfig {
  const config = root.getOptionalConfig('imageFactory');
  const repo = config?.getOptionalConfig('stateRepository');
  const defaults = config?.getOptionalConfig('defaults');
  const schedule = config?.getOptionalConfig('schedule');
  const vulnerabilities = readVulnerabilitySettings(
    config?.getOptionalConfig('supplyChain.vulnerabilities'),
  );

  const taskSchedule: SchedulerServiceTaskScheduleDefinition = schedule
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
    : {
        frequency: { minutes: 30 },
        timeout: { minutes: 15 },
        initialDelay: { seconds: 15 },
      };

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
      // Annotation syntax: reads exactly as `image-factory.io/rebuild-delay` does.
      rebuildDelay: checkedDuration(
        defaults?.getOptionalString('rebuildDelay') ??
          DEFAULT_ENROLLMENT_DEFAULTS.rebuildDelay,
        'imageFactory.defaults.rebuildDelay',
      ),
      autoRebuild:
        defaults?.getOptionalBoolean('autoRebuild') ??
        DEFAULT_ENROLLMENT_DEFAULTS.autoRebuild,
      platforms: readPlatforms(defaults),
      coordinationWindowMs:
        readConfigDuration(
          defaults,
          'coordinationWindow',
          'imageFactory.defaults.coordinationWindow',
          POLICY_DURATION,
        ) ?? 3_600_000,
      internalDelayMs: parsePolicyDuration(
        checkedDuration(
          defaults?.getOptionalString('internalDelay') ?? '0',
          'imageFactory.defaults.internalDelay',
        ),
      ),
    },
    schedule: taskSchedule,
    runDeadlineMs: runDeadlineOf(taskSchedule.timeout),
    maxTriggersPerRun: config?.getOptionalNumber('maxTriggersPerRun') ?? 10,
    safety: {
      maxArchiveRatio: readNumber(config, 'safety.maxArchiveRatio', 0.5, RATIO),
      maxBaseImagesPerDockerfile: readNumber(
        config,
        'safety.maxBaseImagesPerDockerfile',
        50,
        COUNT,
      ),
      maxNewTagsPerRun: readNumber(
        config,
        'safety.maxNewTagsPerRun',
        500,
        COUNT,
      ),
    },
    allowedRebuildRepositories:
      config?.getOptionalStringArray('rebuilds.allowedRepositories') ?? [],
    // A rebuild whose run has not appeared by then ends failed: 0 would fail
    // every rebuild before its run could be seen.
    runTimeoutMs:
      readConfigDuration(
        config?.getOptionalConfig('rebuilds'),
        'runTimeout',
        'imageFactory.rebuilds.runTimeout',
        { ...POLICY_DURATION, positive: true },
      ) ?? 1_800_000,
    kargoNamespace: readNamespace(
      config?.getOptionalString('kargo.namespace') ?? 'image-factory',
    ),
    registries: readRegistrySettings(config),
    freightSource: readFreightSource(
      config?.getOptionalConfig('freightSource'),
    ),
    signatures: readSignaturePolicies(config),
    vulnerabilities,
    ...readBypassSeverity(config, vulnerabilities.listSeverity),
  };
}

// The ids of the bypass severity must be listed, or no digest could be seen
// to fix one.
function readBypassSeverity(
  config: Config | undefined,
  listSeverity: Severity,
): { bypassSeverity?: Severity } {
  const key = 'imageFactory.supplyChain.bypassSeverity';
  const value = config?.getOptionalString('supplyChain.bypassSeverity');
  if (value === undefined) {
    return {};
  }
  const rank = (SEVERITIES as readonly string[]).indexOf(value);
  if (rank === -1) {
    throw new InputError(
      `${key} is "${value}"; it must be one of ${SEVERITIES.join(', ')}`,
    );
  }
  if (rank > SEVERITIES.indexOf(listSeverity)) {
    throw new InputError(
      `${key} is "${value}", below imageFactory.supplyChain.vulnerabilities.listSeverity "${listSeverity}": ids of that severity are not listed, so no digest could be seen to fix one`,
    );
  }
  return { bypassSeverity: value as Severity };
}

function readVulnerabilitySettings(
  config: Config | undefined,
): VulnerabilitySettings {
  const listSeverity = config?.getOptionalString('listSeverity') ?? 'high';
  if (!(SEVERITIES as readonly string[]).includes(listSeverity)) {
    throw new InputError(
      `imageFactory.supplyChain.vulnerabilities.listSeverity is "${listSeverity}"; it must be one of ${SEVERITIES.join(
        ', ',
      )}`,
    );
  }
  return {
    listSeverity: listSeverity as Severity,
    maxAgeMs:
      readConfigDuration(
        config,
        'maxAge',
        'imageFactory.supplyChain.vulnerabilities.maxAge',
        { ...POLICY_DURATION, positive: true },
      ) ?? 7 * 86_400_000,
    ...readTrivyOperator(config?.getOptionalConfig('trivyOperator')),
  };
}

// A DNS-1123 label, which Kubernetes namespaces are.
function isNamespace(value: string): boolean {
  return value.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value);
}

function readTrivyOperator(
  section: Config | undefined,
): Pick<VulnerabilitySettings, 'trivyOperator'> {
  if (!section) return {};
  const namespace = section.getOptionalString('namespace');
  if (namespace !== undefined && !isNamespace(namespace)) {
    throw new InputError(
      `Invalid imageFactory.supplyChain.vulnerabilities.trivyOperator.namespace: "${namespace}" is not a Kubernetes namespace (a DNS-1123 label)`,
    );
  }
  return {
    trivyOperator: {
      ...(namespace !== undefined && { namespace }),
      ...readKubernetes(section),
    },
  };
}

// Written to state/_settings.yaml, which refuses anything else: caught here, the
// backend does not start rather than failing every run.
function readNamespace(value: string): string {
  if (!isNamespace(value)) {
    throw new InputError(
      `Invalid imageFactory.kargo.namespace: "${value}" is not a Kubernetes namespace (a DNS-1123 label)`,
    );
  }
  return value;
}

// The scheduler lets another replica take the task once its timeout passes; a
// run stops well before, with room for the steps already under way to finish.
function runDeadlineOf(
  timeout: SchedulerServiceTaskScheduleDefinition['timeout'],
): number {
  // Config gives a HumanDuration; code may pass a luxon Duration.
  const ms =
    'toMillis' in timeout
      ? timeout.toMillis()
      : durationToMilliseconds(timeout as HumanDuration);
  return Math.floor(ms * 0.8);
}

// A policy duration in the annotation syntax: bounded like the annotation, so a
// default can never be what makes a run throw.
function checkedDuration(value: string, key: string): string {
  try {
    parsePolicyDuration(value);
    return value;
  } catch (error) {
    throw new InputError(`Invalid ${key}: ${(error as Error).message}`);
  }
}

function readNumber(
  config: Config | undefined,
  key: string,
  fallback: number,
  rule: NumberRule,
): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) {
    return fallback;
  }
  if (!rule.valid(value)) {
    throw new InputError(
      `Invalid imageFactory.${key}: ${value} ${rule.expected}`,
    );
  }
  return value;
}

// Checked here, not when freight is first resolved: a malformed default
// platform must stop the start-up with the key's name, whatever the source.
function readPlatforms(defaults: Config | undefined): string[] {
  const platforms =
    defaults?.getOptionalStringArray('platforms') ??
    DEFAULT_ENROLLMENT_DEFAULTS.platforms;
  for (const platform of platforms) {
    try {
      parsePlatform(platform);
    } catch (error) {
      throw new InputError('imageFactory.defaults.platforms', error);
    }
  }
  return platforms;
}

function readFreightSource(section: Config | undefined): FreightSourceSettings {
  const type = section?.getOptionalString('type') ?? 'registry';
  if (type !== 'registry' && type !== 'kargo') {
    throw new InputError(
      `imageFactory.freightSource.type must be registry or kargo, not "${type}"`,
    );
  }
  return { type, ...readKubernetes(section) };
}

function readKubernetes(
  section: Config | undefined,
): { kubernetes: KubernetesSettings } | {} {
  const kubernetes = section?.getOptionalConfig('kubernetes');
  return kubernetes
    ? {
        kubernetes: {
          url: kubernetes.getOptionalString('url'),
          token: kubernetes.getOptionalString('token'),
          skipTLSVerify:
            kubernetes.getOptionalBoolean('skipTLSVerify') ?? false,
        },
      }
    : {};
}
