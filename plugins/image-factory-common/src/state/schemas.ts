import { z } from 'zod';
import { parseDuration } from '../durations';
import { isStateName } from './assignNames';
import { tryParseStateRef } from './imageKeys';
import type { RebuildVerification } from '../api';
import type {
  BaseImageState,
  ExternalImageState,
  ManagedImageState,
  RebuildHistoryEntry,
  StateSettings,
  TrackedImage,
} from './types';

// The OCI image-spec digest grammar: algorithm ":" encoded.
const digest = z
  .string()
  .regex(/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/, 'not a digest');
const timestamp = z.iso.datetime({ offset: true });
const entityRef = z
  .string()
  .regex(/^[^:/]+:[^:/]+\/[^/]+$/, 'not an entity ref (kind:namespace/name)');
const imageRef = z
  .string()
  .refine(
    text => tryParseStateRef(text) !== undefined,
    'not an image reference',
  );
const name = z.string().refine(isStateName, 'not a DNS-1123 label');
const priority = z.enum(['critical', 'high', 'normal', 'low']);
const platforms = z.array(z.string().min(1));

const count = z.number().int().min(0);
const ids = z.array(z.string().min(1)).max(100);

const digestUpdate = z.object({
  digest,
  firstSeen: timestamp,
  platformDigests: z.record(z.string(), digest).optional(),
  signature: z
    .object({
      state: z.enum(['verified', 'unsigned', 'invalid']),
      detail: z.string().min(1),
    })
    .optional(),
  vulnerabilities: z
    .object({
      state: z.enum(['reported', 'none', 'invalid', 'expired']),
      detail: z.string().min(1),
      scannedAt: timestamp.optional(),
      counts: z
        .object({
          critical: count,
          high: count,
          medium: count,
          low: count,
          unknown: count,
        })
        .optional(),
      ids: z
        .object({
          critical: ids.optional(),
          high: ids.optional(),
          medium: ids.optional(),
          low: ids.optional(),
        })
        .optional(),
    })
    .optional(),
});

const trackedImageFields = {
  ref: imageRef,
  registry: z.string().min(1),
  repository: z.string().min(1),
  tag: z.string().min(1).nullable(),
  digest: digest.nullable(),
  currentDigest: digest.nullable(),
  previousDigest: digest.nullable(),
  firstDiscovered: timestamp,
  lastUpdated: timestamp.nullable(),
  updates: z.array(digestUpdate),
  unmonitorable: z.string().min(1).optional(),
};

const trackedImage = z.object(
  trackedImageFields,
) satisfies z.ZodType<TrackedImage>;

/**
 * Content of `state/base-images/<name>.yaml` (the name comes from the file).
 *
 * @public
 */
export const baseImageFileSchema = z.object({
  ...trackedImageFields,
  dependents: z.array(entityRef),
}) satisfies z.ZodType<Omit<BaseImageState, 'name'>>;

const publishedImage = baseImageFileSchema.extend({ name });

const verificationOutcome = z.enum(['verified', 'mismatch', 'unverifiable']);

const rebuildVerification = z.object({
  outcome: verificationOutcome,
  checkedAt: timestamp,
  image: z.string().nullable(),
  detail: z.string(),
  baseImages: z.array(
    z.object({
      ref: z.string(),
      outcome: verificationOutcome,
      method: z.enum(['annotations', 'provenance', 'layers']).nullable(),
      digest: digest.nullable(),
    }),
  ),
}) satisfies z.ZodType<RebuildVerification>;

const rebuildHistoryEntry = z.object({
  id: z.string().min(1),
  trigger: z.enum(['auto', 'manual', 'emergency', 'evidence']),
  requestedBy: z.string().min(1),
  justification: z.string().optional(),
  requestedAt: timestamp,
  provider: z.enum(['github', 'gitlab']),
  runUrl: z.string().optional(),
  status: z.enum(['requested', 'dispatched', 'running', 'completed', 'failed']),
  conclusion: z
    .enum(['success', 'failure', 'cancelled', 'timed-out', 'unknown'])
    .optional(),
  error: z.string().optional(),
  baseDigests: z.record(
    z.string(),
    z.object({ before: digest.nullable(), after: digest }),
  ),
  verification: rebuildVerification.optional(),
}) satisfies z.ZodType<RebuildHistoryEntry>;

const managedImageFile = z.object({
  kind: z.literal('managed'),
  entityRef,
  image: imageRef,
  source: z.object({
    location: z.string().min(1).nullable(),
    dockerfile: z.string().min(1),
    buildArgs: z.record(z.string(), z.string()),
    target: z.string().min(1).nullable(),
    gitUnmonitorable: z.string().min(1).optional(),
  }),
  policy: z.object({
    rebuildDelay: z.string().refine(text => {
      try {
        parseDuration(text);
        return true;
      } catch {
        return false;
      }
    }, 'not a duration such as 7d or 36h'),
    autoRebuild: z.boolean(),
    workflow: z.string().min(1).nullable(),
    priority,
    platforms,
  }),
  analysis: z.object({
    status: z.enum(['ok', 'failed', 'pending']),
    analyzedAt: timestamp.nullable(),
    error: z.string().nullable(),
    warnings: z.array(
      z.object({ line: z.number().int().nonnegative(), message: z.string() }),
    ),
    frontend: imageRef.nullable(),
  }),
  baseImages: z.array(
    z.object({
      ref: imageRef,
      name,
      builtDigest: digest.nullable(),
      platforms: platforms.min(1).optional(),
    }),
  ),
  published: z.array(publishedImage),
  rebuilds: z.array(rebuildHistoryEntry),
  unmonitorable: z.string().min(1).optional(),
}) satisfies z.ZodType<Omit<ManagedImageState, 'name'>>;

const externalImageFile = z.object({
  kind: z.literal('external'),
  entityRef,
  image: imageRef,
  policy: z.object({ priority, platforms }),
  monitored: trackedImage,
}) satisfies z.ZodType<Omit<ExternalImageState, 'name'>>;

/**
 * Content of `state/images/<name>.yaml`: a managed or an external image (the
 * name comes from the file).
 *
 * @public
 */
export const imageFileSchema = z.discriminatedUnion('kind', [
  managedImageFile,
  externalImageFile,
]);

// Refused with parseDuration's own message, which names the value.
const warehouseInterval = z.string().superRefine((text, context) => {
  try {
    parseDuration(text);
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

/**
 * Content of `state/_settings.yaml`: what the manifests depend on besides the
 * state. Every key is required and none other is allowed: a key left out or
 * misspelt must not render the manifests with a default, and a file written by
 * a newer Image Factory with a setting this one does not know is refused.
 *
 * @public
 */
export const stateSettingsFileSchema = z.strictObject({
  warehouses: z.strictObject({
    // A Kubernetes namespace, as Kargo's Warehouse CRD requires.
    namespace: z
      .string()
      .max(63)
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'not a DNS-1123 label'),
    publicRegistryInterval: warehouseInterval,
    defaultInterval: warehouseInterval,
    registryIntervals: z.record(z.string().min(1), warehouseInterval),
    managedImageSelection: z.strictObject({
      imageSelectionStrategy: z.enum([
        'Digest',
        'Lexical',
        'NewestBuild',
        'SemVer',
      ]),
      constraint: z.string().optional(),
      allowTagsRegexes: z.array(z.string()).optional(),
      ignoreTagsRegexes: z.array(z.string()).optional(),
    }),
  }),
}) satisfies z.ZodType<StateSettings>;
