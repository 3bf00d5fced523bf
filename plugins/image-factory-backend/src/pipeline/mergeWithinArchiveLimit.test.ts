import {
  analyzeDockerfile,
  DEFAULT_ENROLLMENT_DEFAULTS,
  emptyStateTree,
  Enrollment,
  mergeState,
  parseEnrollment,
} from '@image-factory/backstage-plugin-image-factory-common';
import { PlatformAlert } from '../rebuilds/RebuildNotifier';
import { mergeWithinArchiveLimit } from './mergeWithinArchiveLimit';

const NOW = '2026-01-01T00:00:00.000Z';

function enroll(name: string): Enrollment {
  return parseEnrollment(
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        annotations: { 'image-factory.io/image': `ghcr.io/acme/${name}` },
      },
    },
    DEFAULT_ENROLLMENT_DEFAULTS,
  )!;
}

describe('mergeWithinArchiveLimit', () => {
  const fleet = ['alpha', 'beta', 'delta', 'gamma'].map(enroll);
  const analyses = new Map(
    fleet.map(e => [
      e.entityRef,
      {
        status: 'ok' as const,
        analysis: analyzeDockerfile('FROM node:22\n'),
        analyzedAt: NOW,
      },
    ]),
  );
  const previous = mergeState({
    previous: emptyStateTree(),
    enrollments: fleet,
    analyses,
    now: NOW,
  }).state;

  function merge(enrollments: Enrollment[]) {
    const alerts: PlatformAlert[] = [];
    return mergeWithinArchiveLimit({
      previous,
      enrollments,
      analyses,
      now: NOW,
      maxArchiveRatio: 0.5,
      alerts: {
        alert: async alert => {
          alerts.push(alert);
        },
      },
    }).then(result => ({ ...result, alerts }));
  }

  it('archives nothing, says how many and why in an error, and alerts', async () => {
    const result = await merge([]);
    expect(result.state).toEqual(previous);
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^The run would archive 4 of the 4 active images \(component:default\/alpha, .*\): more than imageFactory\.safety\.maxArchiveRatio allows \(50%, .*nothing was archived and every Warehouse is kept/,
      ),
    ]);
    expect(result.alerts).toEqual([
      {
        title: 'Image Factory refused to archive most images',
        description: result.errors[0],
        scope: 'image-factory:archive-limit',
      },
    ]);
  });

  it('archives one image of four without a word', async () => {
    const result = await merge(fleet.slice(0, 3));
    expect(result.errors).toEqual([]);
    expect(result.alerts).toEqual([]);
    expect(result.state.archive.images.map(i => i.name)).toEqual(['gamma']);
  });
});
