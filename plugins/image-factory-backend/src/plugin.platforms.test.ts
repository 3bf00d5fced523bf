import { parse } from 'yaml';
import { pluginTestBed } from './__testUtils__/pluginTestBed';
import { GITHUB_INPUT_NAMES } from './triggers/buildRunParameters';

const AMD64 = 'linux/amd64';
const ARM64 = 'linux/arm64';

// The whole plugin on a real OCI registry with a multi-arch base image whose
// index upstream re-publishes for one architecture at a time, as public
// indexes do several times a day. A local stand-in for GitHub records every
// workflow dispatch.
describe('imageFactoryPlugin with multi-platform base images', () => {
  const bed = pluginTestBed();

  const component = (name: string, platforms: string, delay: string) =>
    bed.githubComponent({
      name,
      delay,
      annotations: { 'image-factory.io/platforms': platforms },
    });

  const pushNode = (amd64: string, arm64: string) =>
    bed.registry().pushImage('library/node', '22', {
      platforms: [AMD64, ARM64],
      content: { [AMD64]: amd64, [ARM64]: arm64 },
    });

  it('rebuilds an amd64-only image when its amd64 manifest changes, not when only arm64 moved the index', async () => {
    const names = ['amd', 'amd-slow', 'arm'];
    const github = await bed.useGithub({ repositories: names });
    const index1 = await pushNode('amd64 one', 'arm64 one');
    const manifests1 = await bed
      .registry()
      .platformManifests('library/node', '22');
    const api = await bed.start({
      entities: [
        component('amd', AMD64, '0'),
        component('amd-slow', AMD64, '7d'),
        component('arm', ARM64, '0'),
      ],
      // The default platforms stay linux/amd64: the arm image's annotation is
      // what makes discovery record linux/arm64 too.
      imageFactory: { defaults: { coordinationWindow: '0' } },
    });
    // POST /refresh may answer 200 with the finished run's summary, or 202 with
    // a queued run to follow at GET /runs/:id; either way, wait for the run.
    const refresh = async () => {
      const answer = await api.refresh();
      expect([200, 202]).toContain(answer.status);
      let run = answer.body;
      for (let polls = 0; run.id && /^(queued|running)$/.test(run.status); ) {
        if (++polls > 600) throw new Error(`run ${run.id} did not finish`);
        await new Promise(resolve => setTimeout(resolve, 50));
        run = (await api.get(`/runs/${run.id}`)).body;
      }
      expect(run.status ?? 'succeeded').toBe('succeeded');
    };
    const status = async (name: string) =>
      (await api.get(`/images/default/component/${name}`)).body;
    const listItem = async (name: string) =>
      (await api.get('/images')).body.items.find(
        (item: { entityRef: string }) =>
          item.entityRef === `component:default/${name}`,
      );

    // Enrolling counts every image as built on the index it finds.
    await refresh();
    for (const name of names) {
      expect((await status(name)).baseImages[0].builtDigest).toBe(index1);
    }

    // Upstream re-publishes linux/arm64 only: a new index digest, the same
    // linux/amd64 manifest.
    const index2 = await pushNode('amd64 one', 'arm64 two');
    const manifests2 = await bed
      .registry()
      .platformManifests('library/node', '22');
    expect(index2).not.toBe(index1);
    expect(manifests2[AMD64]).toBe(manifests1[AMD64]);
    expect(manifests2[ARM64]).not.toBe(manifests1[ARM64]);
    await refresh();

    // Only the arm64 image is dispatched, on the new index digest.
    expect(github.runs.map(run => run.repository)).toEqual(['acme/arm']);
    expect(
      JSON.parse(String(github.runs[0].inputs[GITHUB_INPUT_NAMES.baseImages])),
    ).toEqual([
      { ref: `${bed.registry().host}/library/node:22`, digest: index2 },
    ]);
    const arm = await status('arm');
    expect(arm.eligibility.state).toBe('rebuilding');
    expect(arm.enrollment.platforms).toEqual([ARM64]);
    expect(arm.baseImages[0].updates).toHaveLength(2);
    expect(arm.baseImages[0].updates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          digest: index1,
          platformDigests: {
            [AMD64]: manifests1[AMD64],
            [ARM64]: manifests1[ARM64],
          },
        }),
        expect.objectContaining({
          digest: index2,
          platformDigests: {
            [AMD64]: manifests2[AMD64],
            [ARM64]: manifests2[ARM64],
          },
        }),
      ]),
    );

    for (const name of ['amd', 'amd-slow']) {
      const amd = await status(name);
      expect(amd.eligibility).toEqual({
        state: 'up-to-date',
        reasons: ['Every base image is on its newest digest for linux/amd64.'],
      });
      expect(amd.baseImages[0]).toMatchObject({
        builtDigest: index1,
        latestDigest: index2,
        latestRelevantDigest: index1,
        eligibleDigest: null,
        platformNote: expect.stringMatching(
          new RegExp(
            `^The index moved to ${index2.slice(
              0,
              19,
            )} on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC; linux/amd64 is unchanged\\.$`,
          ),
        ),
      });
      expect((await listItem(name)).staleSince).toBeUndefined();
    }

    // Now linux/amd64 changes: the amd64 images have an update that matters.
    const index3 = await pushNode('amd64 three', 'arm64 two');
    await refresh();

    expect(github.runs.map(run => run.repository).sort()).toEqual([
      'acme/amd',
      'acme/arm',
    ]);
    const amdRun = github.runs.find(run => run.repository === 'acme/amd')!;
    expect(
      JSON.parse(String(amdRun.inputs[GITHUB_INPUT_NAMES.baseImages])),
    ).toEqual([
      { ref: `${bed.registry().host}/library/node:22`, digest: index3 },
    ]);
    expect((await status('amd')).eligibility.state).toBe('rebuilding');

    const slow = await status('amd-slow');
    expect(slow.eligibility.state).toBe('pending');
    expect(slow.baseImages[0]).toMatchObject({
      builtDigest: index1,
      latestDigest: index3,
      latestRelevantDigest: index3,
      eligibleDigest: null,
    });
    expect(slow.baseImages[0].platformNote).toBeUndefined();
    expect((await listItem('amd-slow')).staleSince).toBe(
      slow.baseImages[0].lastUpdated,
    );
  });

  it('records per platform the base images a Dockerfile picks with $TARGETARCH, in the state file and the API', async () => {
    const host = bed.registry().host;
    await bed.useGithub({
      repositories: ['tools'],
      dockerfile: [
        `FROM ${host}/library/golang:1.22-$TARGETARCH AS build`,
        `FROM ${host}/library/node:22`,
        'COPY --from=build /out /out',
        '',
      ].join('\n'),
    });
    await pushNode('amd64 one', 'arm64 one');
    for (const arch of ['amd64', 'arm64']) {
      await bed
        .registry()
        .pushImage('library/golang', `1.22-${arch}`, { content: arch });
    }
    const api = await bed.start({
      entities: [component('tools', `${ARM64},${AMD64}`, '7d')],
      imageFactory: { defaults: { coordinationWindow: '0' } },
    });
    expect((await api.refresh()).run?.status).toBe('succeeded');

    const stateFile = [...bed.stateFiles()].find(
      ([file, text]) =>
        file.startsWith('state/images/') && text.includes('acme/tools'),
    )?.[1];
    expect(parse(stateFile!).baseImages).toEqual([
      {
        ref: `${host}/library/golang:1.22-amd64`,
        name: 'golang-1-22-amd64',
        builtDigest: expect.stringMatching(/^sha256:/),
        platforms: [AMD64],
      },
      {
        ref: `${host}/library/golang:1.22-arm64`,
        name: 'golang-1-22-arm64',
        builtDigest: expect.stringMatching(/^sha256:/),
        platforms: [ARM64],
      },
      {
        ref: `${host}/library/node:22`,
        name: 'node-22',
        builtDigest: expect.stringMatching(/^sha256:/),
      },
    ]);

    const status = (await api.get('/images/default/component/tools')).body;
    expect(status.enrollment.platforms).toEqual([AMD64, ARM64]);
    expect(
      status.baseImages.map((base: { ref: string; platforms?: string[] }) => [
        base.ref,
        base.platforms,
      ]),
    ).toEqual([
      [`${host}/library/golang:1.22-amd64`, [AMD64]],
      [`${host}/library/golang:1.22-arm64`, [ARM64]],
      [`${host}/library/node:22`, undefined],
    ]);
  });
});
