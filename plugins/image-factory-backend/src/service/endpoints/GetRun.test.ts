import { NotFoundError } from '@backstage/errors';
import { PipelineRun } from '@image-factory/backstage-plugin-image-factory-common';
import { exampleRun } from '../../__testUtils__/apiExamples';
import {
  endpointTestApp,
  EndpointTestOptions,
} from '../../__testUtils__/endpointTestApp';
import { bindGetRunEndpoint } from './GetRun';

const QUEUED_AT = '2026-11-30T10:00:00.000Z';
const STARTED_AT = '2026-11-30T10:00:05.000Z';
const FINISHED_AT = '2026-11-30T10:01:00.000Z';

const runs: [string, PipelineRun][] = [
  ['queued', exampleRun({ status: 'queued', queuedAt: QUEUED_AT })],
  ['running', exampleRun({ status: 'running', startedAt: STARTED_AT })],
  [
    'succeeded',
    exampleRun({
      status: 'succeeded',
      startedAt: STARTED_AT,
      finishedAt: FINISHED_AT,
      summary: {
        startedAt: STARTED_AT,
        finishedAt: FINISHED_AT,
        analyzed: 3,
        checked: 5,
        newFreight: 2,
        rebuildsTriggered: 1,
        commit: '0123456789abcdef0123456789abcdef01234567',
        errors: ['docker.io/library/python:3.12: HTTP 429'],
      },
    }),
  ],
  [
    'succeeded without changing the state repository',
    exampleRun({
      status: 'succeeded',
      startedAt: STARTED_AT,
      finishedAt: FINISHED_AT,
      summary: {
        startedAt: STARTED_AT,
        finishedAt: FINISHED_AT,
        analyzed: 0,
        checked: 0,
        newFreight: 0,
        rebuildsTriggered: 0,
        commit: null,
        errors: [],
      },
    }),
  ],
  [
    'failed',
    exampleRun({
      status: 'failed',
      startedAt: STARTED_AT,
      finishedAt: FINISHED_AT,
      error: 'could not push to the state repository: rejected',
    }),
  ],
];

describe('GET /runs/{id}', () => {
  const model = { getRun: jest.fn() };
  const app = (options?: EndpointTestOptions) =>
    endpointTestApp(
      (router, services) => bindGetRunEndpoint(router, { ...services, model }),
      options,
    );

  beforeEach(() => {
    model.getRun.mockReset();
  });

  it.each(runs)(
    'answers a run that is %s as the model has it',
    async (_what, run) => {
      model.getRun.mockResolvedValue(run);
      const api = await app();
      const response = await api.get('/runs/run-1');
      expect(response.status).toBe(200);
      expect(response.body).toEqual(run);
      expect(model.getRun).toHaveBeenCalledTimes(1);
      expect(model.getRun).toHaveBeenCalledWith('run-1');
    },
  );

  it('is 404 for an unknown run', async () => {
    model.getRun.mockRejectedValue(new NotFoundError('No run run-404'));
    const api = await app();
    const response = await api.get('/runs/run-404');
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({
      name: 'NotFoundError',
      message: 'No run run-404',
    });
    expect(model.getRun).toHaveBeenCalledWith('run-404');
  });

  // A run's errors may name images the caller may not see: only who may start
  // runs may follow them.
  it('is 403 without image-factory.refresh, and says nothing of the run', async () => {
    model.getRun.mockResolvedValue(runs[2][1]);
    const api = await app({ allow: ['image-factory.image.read'] });
    const response = await api.get('/runs/run-1');
    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(/image-factory.refresh/);
    expect(JSON.stringify(response.body)).not.toContain('python');
    expect(model.getRun).not.toHaveBeenCalled();
  });

  it('answers no list of runs', async () => {
    const api = await app();
    expect((await api.raw().get('/runs')).status).toBe(404);
    expect(model.getRun).not.toHaveBeenCalled();
  });
});
