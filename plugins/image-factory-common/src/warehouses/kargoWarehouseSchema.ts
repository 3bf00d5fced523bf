import { z } from 'zod';

// Written from Kargo v1.11.2: the Warehouse CRD
// (charts/kargo/resources/crds/kargo.akuity.io_warehouses.yaml) and the
// subscription schemas it delegates to (pkg/subscription/schemas/image.json and
// git.json). Objects are strict where Kargo forbids unknown fields
// (subscriptions) and where a typo in our generator should fail a test (spec).

const dnsLabel = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
const dnsSubdomain = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/);
const discoveryLimit = z.number().int().min(1).max(100);

const imageSubscription = z
  .strictObject({
    repoURL: z
      .string()
      .min(1)
      .regex(/^(\w+([.-]\w+)*(:\d+)?\/)?(\w+([.-]\w+)*)(\/\w+([.-]\w+)*)*$/),
    imageSelectionStrategy: z
      .enum(['Digest', 'Lexical', 'NewestBuild', 'SemVer'])
      .optional(),
    strictSemvers: z.boolean().optional(),
    constraint: z.string().optional(),
    // `allowTags` and `ignoreTags` are deprecated; since 1.11 discovery fails
    // when they are set, so they are left out and a strict object rejects them.
    allowTagsRegexes: z.array(z.string()).optional(),
    ignoreTagsRegexes: z.array(z.string()).optional(),
    platform: z
      .string()
      .regex(/^\w+\/\w+$/)
      .optional(),
    insecureSkipTLSVerify: z.boolean().optional(),
    discoveryLimit: discoveryLimit.optional(),
    cacheByTag: z.boolean().optional(),
  })
  .refine(
    s => s.imageSelectionStrategy !== 'Digest' || !!s.constraint,
    'the Digest strategy needs the tag to watch in constraint',
  );

const gitSubscription = z.strictObject({
  repoURL: z
    .string()
    .min(1)
    .regex(
      /(?:^(ssh|https?):\/\/(?:([\w-]+)(:(.+))?@)?([\w-]+(?:\.[\w-]+)*)(?::(\d{1,5}))?(\/.*)$)|(?:^([\w-]+)@([\w+]+(?:\.[\w-]+)*):(\/?.*))$/,
    ),
  commitSelectionStrategy: z
    .enum(['NewestFromBranch', 'SemVer', 'Lexical', 'NewestTag'])
    .optional(),
  branch: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[a-zA-Z0-9]([a-zA-Z0-9._/-]*[a-zA-Z0-9_-])?$/)
    .optional(),
  strictSemvers: z.boolean().optional(),
  semverConstraint: z.string().optional(),
  allowTagsRegexes: z.array(z.string()).optional(),
  ignoreTagsRegexes: z.array(z.string()).optional(),
  expressionFilter: z.string().optional(),
  insecureSkipTLSVerify: z.boolean().optional(),
  blobless: z.boolean().optional(),
  includePaths: z.array(z.string()).optional(),
  excludePaths: z.array(z.string()).optional(),
  discoveryLimit: discoveryLimit.optional(),
  since: z.iso.datetime({ offset: true }).optional(),
});

/**
 * A zod schema of a Kargo `Warehouse` (Kargo v1.11.2's CRD and subscription
 * schemas), limited to image and git subscriptions. Generated Warehouses are
 * checked against it in tests; a cluster's admission would reject what fails.
 *
 * @public
 */
export const kargoWarehouseSchema = z.object({
  apiVersion: z.literal('kargo.akuity.io/v1alpha1'),
  kind: z.literal('Warehouse'),
  metadata: z.object({
    name: dnsSubdomain,
    namespace: dnsLabel,
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec: z.strictObject({
    shard: z.string().optional(),
    interval: z.string().regex(/^([0-9]+(\.[0-9]+)?(s|m|h))+$/),
    freightCreationPolicy: z.enum(['Automatic', 'Manual']).optional(),
    freightCreationCriteria: z
      .object({ expression: z.string().optional() })
      .optional(),
    subscriptions: z
      .array(
        z.union([
          z.strictObject({ image: imageSubscription }),
          z.strictObject({ git: gitSubscription }),
        ]),
      )
      .min(1),
  }),
});
