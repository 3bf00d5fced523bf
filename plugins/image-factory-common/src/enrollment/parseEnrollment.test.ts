import { parseEnrollment } from './parseEnrollment';
import { DEFAULT_ENROLLMENT_DEFAULTS, type EnrollableEntity } from './types';

function entity(
  annotations: Record<string, string>,
  overrides: Partial<EnrollableEntity['metadata']> & { kind?: string } = {},
): EnrollableEntity {
  const { kind = 'Component', ...metadata } = overrides;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'payments', annotations, ...metadata },
  };
}

const enroll = (e: EnrollableEntity) =>
  parseEnrollment(e, DEFAULT_ENROLLMENT_DEFAULTS);

describe('parseEnrollment', () => {
  it('ignores entities without image annotations', () => {
    expect(
      enroll(entity({ 'backstage.io/source-location': 'url:https://x/' })),
    ).toBeUndefined();
    expect(
      enroll({ apiVersion: 'v1', kind: 'Component', metadata: { name: 'a' } }),
    ).toBeUndefined();
  });

  it('enrolls a managed image with every default', () => {
    expect(
      enroll(
        entity({
          'image-factory.io/image': 'ghcr.io/acme/payments',
          'backstage.io/managed-by-location':
            'file:/srv/payments/catalog-info.yaml',
        }),
      ),
    ).toEqual({
      entityRef: 'component:default/payments',
      kind: 'managed',
      image: 'ghcr.io/acme/payments',
      imageTag: 'latest',
      dockerfile: 'Dockerfile',
      sourceLocation: 'file:/srv/payments/',
      buildArgs: {},
      target: null,
      rebuildDelay: '7d',
      autoRebuild: true,
      workflow: null,
      priority: 'normal',
      platforms: ['linux/amd64'],
      errors: [],
    });
  });

  it('reads every annotation of a managed image', () => {
    const result = enroll(
      entity(
        {
          'image-factory.io/image': 'acme/payments',
          'image-factory.io/image-tag': 'main',
          'image-factory.io/dockerfile': './docker/Dockerfile.prod',
          'image-factory.io/source-location':
            'url:https://github.com/acme/payments/tree/main/app',
          'image-factory.io/build-args': 'NODE_VERSION=22, DEBIAN=bookworm',
          'image-factory.io/target': 'runtime',
          'image-factory.io/rebuild-delay': '36h',
          'image-factory.io/auto-rebuild': 'FALSE',
          'image-factory.io/workflow': 'build.yml',
          'image-factory.io/priority': 'Critical',
          'image-factory.io/platforms': 'linux/arm64, linux/amd64,linux/arm64',
        },
        { kind: 'Component', namespace: 'Payments' },
      ),
    );
    expect(result).toEqual({
      entityRef: 'component:payments/payments',
      kind: 'managed',
      image: 'docker.io/acme/payments',
      imageTag: 'main',
      dockerfile: 'docker/Dockerfile.prod',
      sourceLocation: 'url:https://github.com/acme/payments/tree/main/app/',
      buildArgs: { NODE_VERSION: '22', DEBIAN: 'bookworm' },
      target: 'runtime',
      rebuildDelay: '1d12h',
      autoRebuild: false,
      workflow: 'build.yml',
      priority: 'critical',
      platforms: ['linux/amd64', 'linux/arm64'],
      errors: [],
    });
  });

  it('writes the entity ref the way Backstage does: kind and namespace in lower case, name as is', () => {
    const result = enroll(
      entity(
        { 'image-factory.io/image': 'ghcr.io/acme/x' },
        { kind: 'Resource', name: 'MyDB', namespace: 'Ops' },
      ),
    );
    expect(result?.entityRef).toBe('resource:ops/MyDB');
  });

  it('refuses a rebuild delay longer than a year, naming the annotation', () => {
    const result = enroll(
      entity({
        'image-factory.io/image': 'ghcr.io/acme/payments',
        'image-factory.io/rebuild-delay': '99999999d',
      }),
    )!;
    expect(result.errors).toEqual([
      {
        annotation: 'image-factory.io/rebuild-delay',
        message: expect.stringMatching(/99999999d.*at most 365d/),
      },
    ]);
    expect(result.rebuildDelay).toBe('7d');
  });

  it('names each bad annotation and falls back to its default', () => {
    const result = enroll(
      entity({
        'image-factory.io/image': 'ghcr.io/acme/payments',
        'image-factory.io/rebuild-delay': 'one week',
        'image-factory.io/auto-rebuild': 'yes',
        'image-factory.io/priority': 'urgent',
        'image-factory.io/platforms': 'amd64',
        'image-factory.io/build-args': 'NODE_VERSION',
        'image-factory.io/dockerfile': '../other/Dockerfile',
        'image-factory.io/workflow': 'build .yml',
        'image-factory.io/target': 'my stage',
        'image-factory.io/image-tag': ':latest',
      }),
    )!;
    expect(result.errors.map(e => e.annotation).sort()).toEqual([
      'image-factory.io/auto-rebuild',
      'image-factory.io/build-args',
      'image-factory.io/dockerfile',
      'image-factory.io/image-tag',
      'image-factory.io/platforms',
      'image-factory.io/priority',
      'image-factory.io/rebuild-delay',
      'image-factory.io/target',
      'image-factory.io/workflow',
    ]);
    expect(
      result.errors.find(e => e.annotation === 'image-factory.io/rebuild-delay')
        ?.message,
    ).toContain('one week');
    expect(result).toMatchObject({
      image: 'ghcr.io/acme/payments',
      rebuildDelay: '7d',
      autoRebuild: true,
      priority: 'normal',
      platforms: ['linux/amd64'],
      buildArgs: {},
      dockerfile: 'Dockerfile',
      workflow: null,
      target: null,
      imageTag: 'latest',
    });
  });

  it('uses the configured defaults', () => {
    const result = parseEnrollment(
      entity({ 'image-factory.io/image': 'ghcr.io/acme/payments' }),
      {
        rebuildDelay: '72h',
        autoRebuild: false,
        platforms: ['linux/arm64', 'linux/amd64'],
      },
    );
    expect(result).toMatchObject({
      rebuildDelay: '3d',
      autoRebuild: false,
      platforms: ['linux/amd64', 'linux/arm64'],
    });
  });

  it.each([
    ['ghcr.io/acme/payments:1.0', 'without tag or digest'],
    [`ghcr.io/acme/payments@sha256:${'a'.repeat(64)}`, 'without tag or digest'],
    ['ghcr.io/Acme Payments', 'is not an image repository'],
  ])(
    'makes the enrollment unusable for image %j, keeping its kind',
    (image, message) => {
      const result = enroll(entity({ 'image-factory.io/image': image }))!;
      expect(result.kind).toBe('managed');
      expect(result.image).toBeNull();
      expect(result.errors).toEqual([
        {
          annotation: 'image-factory.io/image',
          message: expect.stringContaining(message),
        },
      ]);
    },
  );

  it('enrolls an external image by its normalized reference', () => {
    const result = enroll(
      entity(
        { 'image-factory.io/external-image': 'postgres:16' },
        { kind: 'Resource' },
      ),
    );
    expect(result).toMatchObject({
      kind: 'external',
      image: 'docker.io/library/postgres:16',
      sourceLocation: null,
      errors: [],
    });
  });

  it('reports annotations that mean nothing for an external image', () => {
    const result = enroll(
      entity({
        'image-factory.io/external-image': 'redis:7',
        'image-factory.io/workflow': 'build.yml',
        'image-factory.io/rebuild-delay': '1d',
      }),
    )!;
    expect(result.workflow).toBeNull();
    expect(result.errors).toEqual([
      {
        annotation: 'image-factory.io/rebuild-delay',
        message: expect.stringContaining('never built'),
      },
      {
        annotation: 'image-factory.io/workflow',
        message: expect.stringContaining('never built'),
      },
    ]);
  });

  it('keeps an external image with a bad reference unusable', () => {
    const result = enroll(
      entity({ 'image-factory.io/external-image': 'postgres:16:17' }),
    )!;
    expect(result.kind).toBe('external');
    expect(result.image).toBeNull();
    expect(result.errors[0].annotation).toBe('image-factory.io/external-image');
  });

  it('enrolls as managed when both image annotations are present, and says the other is ignored', () => {
    const result = enroll(
      entity({
        'image-factory.io/image': 'ghcr.io/acme/payments',
        'image-factory.io/external-image': 'postgres:16',
      }),
    )!;
    expect(result.kind).toBe('managed');
    expect(result.errors).toEqual([
      {
        annotation: 'image-factory.io/external-image',
        message: expect.stringContaining('ignored'),
      },
    ]);
  });

  describe('source location', () => {
    const image = { 'image-factory.io/image': 'ghcr.io/acme/payments' };

    it('prefers the image-factory annotation, then backstage.io/source-location, then the catalog file folder', () => {
      const origin = {
        'backstage.io/managed-by-origin-location':
          'url:https://github.com/acme/catalog/blob/main/all.yaml',
      };
      const own = {
        ...origin,
        'backstage.io/managed-by-location':
          'url:https://github.com/acme/payments/blob/main/x/catalog-info.yaml',
      };
      const backstage = {
        ...own,
        'backstage.io/source-location':
          'url:https://github.com/acme/payments/tree/main',
      };
      const ours = {
        ...backstage,
        'image-factory.io/source-location': 'file:/srv/payments',
      };
      const location = (a: Record<string, string>) =>
        enroll(entity({ ...image, ...a }))!.sourceLocation;
      expect(location(ours)).toBe('file:/srv/payments/');
      expect(location(backstage)).toBe(
        'url:https://github.com/acme/payments/tree/main/',
      );
      expect(location(own)).toBe(
        'url:https://github.com/acme/payments/blob/main/x/',
      );
      expect(location(origin)).toBe(
        'url:https://github.com/acme/catalog/blob/main/',
      );
      expect(location({})).toBeNull();
    });

    it('resolves a relative path against the folder of the entity catalog file', () => {
      const result = enroll(
        entity({
          ...image,
          'backstage.io/managed-by-location':
            'file:/srv/repo/catalog-info.yaml',
          'image-factory.io/source-location': './services/payments/',
        }),
      )!;
      expect(result.sourceLocation).toBe('file:/srv/repo/services/payments/');
      expect(result.errors).toEqual([]);
    });

    it('rejects a relative path that climbs out of the entity folder', () => {
      const result = enroll(
        entity({
          ...image,
          'backstage.io/managed-by-location':
            'file:/srv/repo/app/catalog-info.yaml',
          'image-factory.io/source-location': '../other',
        }),
      )!;
      expect(result.sourceLocation).toBe('file:/srv/repo/app/');
      expect(result.errors).toEqual([
        {
          annotation: 'image-factory.io/source-location',
          message: expect.stringContaining('..'),
        },
      ]);
    });
  });
});
