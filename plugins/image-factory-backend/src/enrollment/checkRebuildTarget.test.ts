import {
  DEFAULT_ENROLLMENT_DEFAULTS,
  parseEnrollment,
} from '@image-factory/backstage-plugin-image-factory-common';
import { Entity } from '@backstage/catalog-model';
import { checkRebuildTarget } from './checkRebuildTarget';

const GITLAB = 'gitlab.example.com';

function entity(
  registeredAt: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments',
      annotations: {
        'backstage.io/managed-by-location': registeredAt,
        'backstage.io/managed-by-origin-location': registeredAt,
        'image-factory.io/image': 'ghcr.io/acme/payments',
        'image-factory.io/workflow': 'build.yml',
        ...annotations,
      },
    },
  };
}

function check(
  e: Entity,
  allowedRepositories: string[] = [],
): ReturnType<typeof checkRebuildTarget> {
  return checkRebuildTarget(
    parseEnrollment(e, DEFAULT_ENROLLMENT_DEFAULTS)!,
    e,
    {
      allowedRepositories,
      isGitlab: url => new URL(url).host === GITLAB,
    },
  );
}

describe('checkRebuildTarget', () => {
  it('lets a rebuild target the repository the entity is registered from', () => {
    expect(
      check(
        entity(
          'url:https://github.com/acme/payments/blob/main/catalog-info.yaml',
          {
            'image-factory.io/source-location':
              'url:https://github.com/Acme/Payments/tree/main/services/api/',
          },
        ),
      ),
    ).toBeUndefined();
    // The default source location is the catalog file's own folder.
    expect(
      check(
        entity(
          `url:https://${GITLAB}/team/payments/-/blob/main/catalog-info.yaml`,
          { 'image-factory.io/workflow': 'main' },
        ),
      ),
    ).toBeUndefined();
  });

  it("refuses another team's repository, naming the annotation and the way to allow it", () => {
    const refused = check(
      entity(
        `url:https://${GITLAB}/team/payments/-/blob/main/catalog-info.yaml`,
        {
          'image-factory.io/source-location': `url:https://${GITLAB}/other-team/secrets/-/tree/main/`,
        },
      ),
    );
    expect(refused).toEqual({
      annotation: 'image-factory.io/source-location',
      blocksRebuilds: true,
      message: expect.stringMatching(
        new RegExp(
          `https://${GITLAB}/other-team/secrets is not the repository the entity is registered from \\(https://${GITLAB}/team/payments\\).*imageFactory\\.rebuilds\\.allowedRepositories`,
        ),
      ),
    });
  });

  it('refuses a repository for an entity registered from a file: location unless the configuration allows it', () => {
    const e = entity('file:/srv/catalog/payments/catalog-info.yaml', {
      'image-factory.io/source-location':
        'url:https://github.com/acme/payments/tree/main/',
    });
    expect(check(e)?.annotation).toBe('image-factory.io/source-location');
    expect(check(e, ['https://github.com/acme/payments'])).toBeUndefined();
    expect(check(e, ['https://github.com/acme/*'])).toBeUndefined();
    expect(check(e, ['https://github.com/acme-evil/*'])).toEqual(
      expect.objectContaining({ blocksRebuilds: true }),
    );
  });

  it('refuses a GitLab pipeline on a tag or another branch than the source location names', () => {
    const onTag = entity(
      `url:https://${GITLAB}/team/payments/-/blob/main/catalog-info.yaml`,
      { 'image-factory.io/workflow': 'v1.0.0' },
    );
    expect(check(onTag)).toEqual({
      annotation: 'image-factory.io/workflow',
      blocksRebuilds: true,
      message: expect.stringContaining(
        'GitLab pipelines run on main, the branch of the source location',
      ),
    });
    expect(check(onTag, [`https://${GITLAB}/team/payments`])).toBeUndefined();
    // A CI file name selects nothing: the pipeline runs on the branch.
    expect(
      check(
        entity(
          `url:https://${GITLAB}/team/payments/-/blob/main/catalog-info.yaml`,
          { 'image-factory.io/workflow': '.gitlab-ci.yml' },
        ),
      ),
    ).toBeUndefined();
  });
});
