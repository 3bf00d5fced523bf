import { describeRebuildOutcome } from './describeRebuildOutcome';

describe('describeRebuildOutcome', () => {
  it.each([
    ['requested', undefined, 'Requested', 'waiting'],
    ['dispatched', undefined, 'Sent, waiting for the run', 'waiting'],
    ['running', undefined, 'Running', 'running'],
    ['failed', undefined, 'Trigger failed', 'error'],
    ['completed', 'success', 'Succeeded', 'ok'],
  ] as const)('labels a %s rebuild (%s)', (status, conclusion, label, tone) => {
    expect(describeRebuildOutcome({ status, conclusion })).toEqual({
      label,
      tone,
    });
  });
});
