import { PipelineRun } from '@image-factory/backstage-plugin-image-factory-common';
import { ImageFactoryApi } from '../api';

/**
 * An {@link ImageFactoryApi} for component tests: every method not given
 * rejects, so a test notices a call it did not expect.
 */
export function fakeImageFactoryApi(
  methods: Partial<ImageFactoryApi> = {},
): ImageFactoryApi {
  const unexpected = (name: string) => () =>
    Promise.reject(new Error(`unexpected call of ${name}`));
  return {
    listImages: unexpected('listImages'),
    getImage: unexpected('getImage'),
    analyzeImage: unexpected('analyzeImage'),
    rebuildImage: unexpected('rebuildImage'),
    listBaseImages: unexpected('listBaseImages'),
    getBaseImage: unexpected('getBaseImage'),
    getGraph: unexpected('getGraph'),
    refresh: unexpected('refresh'),
    getRun: unexpected('getRun'),
    ...methods,
  };
}

/** A pipeline run as the API answers it: queued now unless `fields` say otherwise. */
export function pipelineRun(fields: Partial<PipelineRun> = {}): PipelineRun {
  return {
    id: '0f9b6a52-4c1e-4d4f-9a51-8c4b2b1f0a77',
    status: 'queued',
    queuedAt: new Date().toISOString(),
    ...fields,
  };
}
