import { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { pluginTestBed } from './__testUtils__/pluginTestBed';
import { recordingAuditor } from './__testUtils__/recordingAuditor';

const JUSTIFICATION = 'CVE-2026-1234 in openssl is exploited in the wild';

// The whole plugin with an auditor that keeps what it is told, on a real
// registry, real git and SQLite; a local server speaking GitHub's documented
// REST endpoints stands in for GitHub.
describe('imageFactoryPlugin audit', () => {
  const bed = pluginTestBed();
  beforeEach(() =>
    bed.useGithub({ repositories: ['auto', 'manual', 'later'] }),
  );

  async function start(permissions?: PermissionsService) {
    const { auditor, events } = recordingAuditor();
    const api = await bed.start({
      auditor,
      permissions,
      entities: [
        bed.githubComponent({ name: 'auto', delay: '0' }),
        bed.githubComponent({
          name: 'manual',
          delay: '0',
          annotations: { 'image-factory.io/auto-rebuild': 'false' },
        }),
        bed.githubComponent({ name: 'later', delay: '7d' }),
      ],
      imageFactory: { defaults: { coordinationWindow: '0' } },
    });
    return { api, events };
  }

  const ofId = (events: { eventId: string }[], id: string) =>
    events.filter(e => e.eventId === id);

  it('records refreshes, state pushes, automatic and manual rebuilds and analyses as what they were', async () => {
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    const { api, events } = await start();
    expect((await api.refresh()).run?.status).toBe('succeeded');
    await bed.registry().pushImage('library/node', '22', { content: 'two' });
    expect((await api.refresh()).body).toMatchObject({ rebuildsTriggered: 1 });

    const manual = await api.post(
      '/images/default/component/manual/rebuild',
      {},
    );
    expect(manual.status).toBe(201);
    const early = await api.post('/images/default/component/later/rebuild', {});
    expect(early.status).toBe(409);
    const analyze = await api.post(
      '/images/default/component/later/analyze',
      {},
    );
    expect(analyze.status).toBe(202);

    expect(ofId(events, 'refresh')).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        fromRequest: true,
        meta: { runId: expect.any(String) },
      }),
      expect.objectContaining({ status: 'succeeded' }),
    ]);
    expect(ofId(events, 'state-push')).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        fromRequest: false,
        meta: { commit: expect.stringMatching(/^[0-9a-f]{40}$/), attempts: 1 },
      }),
      expect.objectContaining({ status: 'succeeded' }),
    ]);
    expect(ofId(events, 'rebuild')).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        fromRequest: false,
        meta: expect.objectContaining({
          entityRef: 'component:default/auto',
          trigger: 'auto',
          outcome: 'started',
          rebuildId: expect.any(String),
        }),
      }),
      expect.objectContaining({
        status: 'succeeded',
        fromRequest: true,
        meta: expect.objectContaining({
          entityRef: 'component:default/manual',
          outcome: 'started',
          rebuildId: manual.body.rebuild.id,
        }),
      }),
      expect.objectContaining({
        status: 'failed',
        meta: expect.objectContaining({
          entityRef: 'component:default/later',
          outcome: 'refused-by-eligibility',
        }),
        error: expect.stringContaining('not eligible for a rebuild yet'),
      }),
    ]);
    expect(ofId(events, 'analyze')).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        meta: {
          entityRef: 'component:default/later',
          runId: analyze.body.id,
        },
      }),
    ]);
  });

  it('records a build that could not be started as failed, never as a success', async () => {
    await bed.registry().pushImage('library/node', '22', { content: 'one' });
    const { api, events } = await start();
    expect((await api.refresh()).run?.status).toBe('succeeded');
    bed
      .github()
      .answerNext(
        { status: 404, body: { message: 'Not Found' } },
        request =>
          request.method === 'POST' && request.path.endsWith('/dispatches'),
      );

    const answer = await api.post('/images/default/component/later/rebuild', {
      emergency: true,
      justification: JUSTIFICATION,
    });

    expect(answer.status).toBe(201);
    expect(answer.body.rebuild.status).toBe('failed');
    expect(ofId(events, 'emergency-rebuild')).toEqual([
      expect.objectContaining({
        status: 'failed',
        severityLevel: 'high',
        meta: expect.objectContaining({
          justification: JUSTIFICATION,
          outcome: 'trigger-failed',
          rebuildId: answer.body.rebuild.id,
        }),
        error: expect.stringContaining('the build could not be started'),
      }),
    ]);
  });

  it('records refusals by the permission policy and invalid justifications', async () => {
    // Images may be seen; rebuilds and refreshes are refused.
    const { api, events } = await start({
      async authorize(requests) {
        return requests.map(request => ({
          result:
            request.permission.name === 'image-factory.image.read'
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
        }));
      },
      async authorizeConditional() {
        throw new Error('the Image Factory asks for definitive decisions');
      },
    });

    const refused = await api.post('/images/default/component/manual/rebuild', {
      emergency: true,
      justification: JUSTIFICATION,
    });
    const padded = await api.post('/images/default/component/manual/rebuild', {
      emergency: true,
      justification: 'urgent urgent urgent\n::set-output name=x::y',
    });
    expect((await api.refresh()).status).toBe(403);

    expect(refused.status).toBe(403);
    expect(padded.status).toBe(400);
    expect(padded.body.error.message).toContain(
      'one line without control characters',
    );
    expect(events.map(e => [e.eventId, e.status, e.meta.outcome])).toEqual([
      ['emergency-rebuild', 'failed', 'refused-by-policy'],
      ['emergency-rebuild', 'failed', 'invalid-request'],
      ['refresh', 'failed', 'refused-by-policy'],
    ]);
  });
});
