import type { RebuildVerification, VulnerabilitySummary } from '../api';
import { sortRecord } from './formatYamlFile';
import type {
  BaseImageState,
  DigestUpdate,
  ImageState,
  RebuildHistoryEntry,
  StateSettings,
  TrackedImage,
} from './types';
import { compareText } from './compareText';

// Each function below lists the keys in the order they appear in the file, so
// the bytes do not depend on how the object was built.

function updateDocument(update: DigestUpdate) {
  return {
    digest: update.digest,
    firstSeen: update.firstSeen,
    ...(update.platformDigests && {
      platformDigests: sortRecord(update.platformDigests),
    }),
    ...(update.signature && {
      signature: {
        state: update.signature.state,
        detail: update.signature.detail,
      },
    }),
    ...(update.vulnerabilities && {
      vulnerabilities: vulnerabilitiesDocument(update.vulnerabilities),
    }),
  };
}

function vulnerabilitiesDocument(summary: VulnerabilitySummary) {
  const { counts } = summary;
  return {
    state: summary.state,
    detail: summary.detail,
    ...(summary.scannedAt && { scannedAt: summary.scannedAt }),
    ...(counts && {
      counts: {
        critical: counts.critical,
        high: counts.high,
        medium: counts.medium,
        low: counts.low,
        unknown: counts.unknown,
      },
    }),
    ...(summary.ids && {
      ids: Object.fromEntries(
        (['critical', 'high', 'medium', 'low'] as const).flatMap(severity =>
          summary.ids?.[severity] ? [[severity, summary.ids[severity]]] : [],
        ),
      ),
    }),
  };
}

function trackedDocument(image: TrackedImage) {
  return {
    ref: image.ref,
    registry: image.registry,
    repository: image.repository,
    tag: image.tag,
    digest: image.digest,
    currentDigest: image.currentDigest,
    previousDigest: image.previousDigest,
    firstDiscovered: image.firstDiscovered,
    lastUpdated: image.lastUpdated,
    updates: image.updates.map(updateDocument),
    ...(image.unmonitorable !== undefined && {
      unmonitorable: image.unmonitorable,
    }),
  };
}

/** The content of a base image file, without its name (the file has it). */
export function baseImageDocument(image: BaseImageState) {
  return {
    ...trackedDocument(image),
    dependents: [...image.dependents].sort(compareText),
  };
}

function rebuildDocument(rebuild: RebuildHistoryEntry) {
  return {
    id: rebuild.id,
    trigger: rebuild.trigger,
    requestedBy: rebuild.requestedBy,
    ...(rebuild.justification !== undefined && {
      justification: rebuild.justification,
    }),
    requestedAt: rebuild.requestedAt,
    provider: rebuild.provider,
    ...(rebuild.runUrl !== undefined && { runUrl: rebuild.runUrl }),
    status: rebuild.status,
    ...(rebuild.conclusion !== undefined && { conclusion: rebuild.conclusion }),
    ...(rebuild.error !== undefined && { error: rebuild.error }),
    baseDigests: sortRecord(
      Object.fromEntries(
        Object.entries(rebuild.baseDigests).map(([ref, d]) => [
          ref,
          { before: d.before, after: d.after },
        ]),
      ),
    ),
    ...(rebuild.verification !== undefined && {
      verification: verificationDocument(rebuild.verification),
    }),
  };
}

function verificationDocument(verification: RebuildVerification) {
  return {
    outcome: verification.outcome,
    checkedAt: verification.checkedAt,
    image: verification.image,
    detail: verification.detail,
    baseImages: [...verification.baseImages]
      .sort((a, b) => compareText(a.ref, b.ref))
      .map(b => ({
        ref: b.ref,
        outcome: b.outcome,
        method: b.method,
        digest: b.digest,
      })),
  };
}

/** The content of an image file, without its name (the file has it). */
export function imageDocument(image: ImageState) {
  if (image.kind === 'external') {
    return {
      kind: image.kind,
      entityRef: image.entityRef,
      image: image.image,
      policy: {
        priority: image.policy.priority,
        platforms: [...image.policy.platforms].sort(compareText),
      },
      monitored: trackedDocument(image.monitored),
    };
  }
  return {
    kind: image.kind,
    entityRef: image.entityRef,
    image: image.image,
    source: {
      location: image.source.location,
      dockerfile: image.source.dockerfile,
      buildArgs: sortRecord(image.source.buildArgs),
      target: image.source.target,
      ...(image.source.gitUnmonitorable !== undefined && {
        gitUnmonitorable: image.source.gitUnmonitorable,
      }),
    },
    policy: {
      rebuildDelay: image.policy.rebuildDelay,
      autoRebuild: image.policy.autoRebuild,
      workflow: image.policy.workflow,
      priority: image.policy.priority,
      platforms: [...image.policy.platforms].sort(compareText),
    },
    analysis: {
      status: image.analysis.status,
      analyzedAt: image.analysis.analyzedAt,
      error: image.analysis.error,
      warnings: image.analysis.warnings.map(w => ({
        line: w.line,
        message: w.message,
      })),
      frontend: image.analysis.frontend,
    },
    baseImages: [...image.baseImages]
      .sort((a, b) => compareText(a.ref, b.ref))
      .map(b => ({
        ref: b.ref,
        name: b.name,
        builtDigest: b.builtDigest,
        ...(b.platforms && { platforms: [...b.platforms].sort(compareText) }),
      })),
    published: [...image.published]
      .sort((a, b) => compareText(a.name, b.name))
      .map(p => ({ name: p.name, ...baseImageDocument(p) })),
    rebuilds: image.rebuilds.map(rebuildDocument),
    ...(image.unmonitorable !== undefined && {
      unmonitorable: image.unmonitorable,
    }),
  };
}

/** The content of `state/_settings.yaml`. */
export function settingsDocument(settings: StateSettings) {
  const warehouses = settings.warehouses;
  const selection = warehouses.managedImageSelection;
  return {
    warehouses: {
      namespace: warehouses.namespace,
      publicRegistryInterval: warehouses.publicRegistryInterval,
      defaultInterval: warehouses.defaultInterval,
      registryIntervals: sortRecord(warehouses.registryIntervals),
      managedImageSelection: {
        imageSelectionStrategy: selection.imageSelectionStrategy,
        ...(selection.constraint !== undefined && {
          constraint: selection.constraint,
        }),
        ...(selection.allowTagsRegexes && {
          allowTagsRegexes: [...selection.allowTagsRegexes],
        }),
        ...(selection.ignoreTagsRegexes && {
          ignoreTagsRegexes: [...selection.ignoreTagsRegexes],
        }),
      },
    },
  };
}
