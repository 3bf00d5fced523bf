import { parse } from 'yaml';
import {
  generateCosignKeyPair,
  pushCosignSignature,
  pushVulnAttestation,
  trivyReport,
} from './__testUtils__/cosign';
import { pluginTestBed } from './__testUtils__/pluginTestBed';
import {
  KubernetesApi,
  startKubernetesApi,
} from './__testUtils__/startKubernetesApi';
import { vulnerabilityReport } from './__testUtils__/trivyOperator';
import { TRIVY_VULNERABILITY_REPORT_API } from './supplyChain/TrivyOperatorReports';
import { recordingAuditor } from './__testUtils__/recordingAuditor';
import { GITHUB_INPUT_NAMES } from './triggers/buildRunParameters';

// The whole plugin on a real OCI registry whose base image is signed and
// attested (a vulnerability scan) in cosign's layout by a key the test
// generates, with signatures required: a new digest is built on only once its
// signature verifies. A local stand-in for GitHub records every dispatch.
// `imageFactory.supplyChain.vulnerabilities.trivyOperator` for a cluster stand-in.
const trivyOperatorOf = (cluster: KubernetesApi) => ({
  kubernetes: { url: cluster.url, token: cluster.token, skipTLSVerify: true },
});

describe('imageFactoryPlugin with supply-chain evidence', () => {
  const bed = pluginTestBed();
  const release = generateCosignKeyPair();
  // The release key, configured for the registry's library/node.
  const releaseSigns = (host: string) => ({
    images: [`${host}/library/node`],
    publicKey: release.publicKeyPem,
    name: 'release',
  });

  it('never rebuilds onto an unsigned digest, and rebuilds once it is signed', async () => {
    const github = await bed.useGithub({ repositories: ['strict'] });
    const host = bed.registry().host;
    const node = `${host}/library/node:22`;
    const sign = (digest: string) =>
      pushCosignSignature(bed.registry(), {
        repository: 'library/node',
        digest,
        dockerReference: `${host}/library/node`,
        key: release.privateKey,
      });
    const signed = await bed.registry().pushImage('library/node', '22', {
      content: 'first',
    });
    await sign(signed);
    await pushVulnAttestation(bed.registry(), {
      repository: 'library/node',
      digest: signed,
      key: release.privateKey,
      report: trivyReport([{ id: 'CVE-2026-0001', severity: 'CRITICAL' }]),
      scanFinishedOn: new Date().toISOString(),
    });
    const api = await bed.start({
      entities: [bed.githubComponent({ name: 'strict', delay: '0' })],
      imageFactory: {
        defaults: { coordinationWindow: '0' },
        supplyChain: {
          signatures: [{ ...releaseSigns(host), mode: 'require' }],
        },
      },
    });
    const status = async () =>
      (await api.get('/images/default/component/strict')).body;

    await api.refresh();
    const enrolled = await status();
    expect(enrolled.baseImages[0]).toMatchObject({
      builtDigest: signed,
      signatureMode: 'require',
      updates: [
        {
          digest: signed,
          signature: {
            state: 'verified',
            detail: 'Signed with the key "release".',
          },
          vulnerabilities: {
            state: 'reported',
            counts: { critical: 1, high: 0, medium: 0, low: 0, unknown: 0 },
            ids: { critical: ['CVE-2026-0001'] },
          },
        },
      ],
    });
    const file = parse(bed.stateFile('state/base-images/node-22.yaml'));
    expect(file.updates[0].signature).toEqual({
      state: 'verified',
      detail: 'Signed with the key "release".',
    });
    expect(file.updates[0].vulnerabilities).toMatchObject({
      state: 'reported',
      counts: { critical: 1 },
      ids: { critical: ['CVE-2026-0001'] },
    });

    // A new digest without a signature: no delay, yet nothing is built.
    const unsigned = await bed.registry().pushImage('library/node', '22', {
      content: 'second',
    });
    await api.refresh();
    const waiting = await status();
    expect(waiting.eligibility.state).toBe('up-to-date');
    expect(waiting.baseImages[0]).toMatchObject({
      latestDigest: unsigned,
      eligibleDigest: null,
      updates: [
        {
          digest: unsigned,
          signature: { state: 'unsigned' },
          vulnerabilities: { state: 'none' },
        },
        { digest: signed, signature: { state: 'verified' } },
      ],
    });
    expect(waiting.eligibility.reasons.join(' ')).toContain(
      'which is not built on because signatures are required: no cosign signature',
    );
    const dispatched = () =>
      github.runs.map(run =>
        JSON.parse(String(run.inputs[GITHUB_INPUT_NAMES.baseImages])),
      );
    expect(dispatched()).toEqual([]);

    // Signed a little after it was pushed, as CI pipelines do: the next run
    // verifies it and rebuilds on it.
    await sign(unsigned);
    await api.refresh();
    const eligible = await status();
    expect(eligible.baseImages[0]).toMatchObject({
      eligibleDigest: unsigned,
      updates: [
        { digest: unsigned, signature: { state: 'verified' } },
        { digest: signed, signature: { state: 'verified' } },
      ],
    });
    expect(dispatched()).toEqual([[{ ref: node, digest: unsigned }]]);
  });

  it('rebuilds before the delay on a digest that fixes a critical vulnerability, as an audited evidence rebuild', async () => {
    const github = await bed.useGithub({ repositories: ['patched'] });
    const host = bed.registry().host;
    const attest = (digest: string, ids: string[]) =>
      pushVulnAttestation(bed.registry(), {
        repository: 'library/node',
        digest,
        key: release.privateKey,
        report: trivyReport(ids.map(id => ({ id, severity: 'CRITICAL' }))),
        scanFinishedOn: new Date().toISOString(),
      });
    const vulnerable = await bed.registry().pushImage('library/node', '22', {
      content: 'vulnerable',
    });
    await attest(vulnerable, ['CVE-2026-0001']);
    const { auditor, events } = recordingAuditor();
    const api = await bed.start({
      auditor,
      entities: [bed.githubComponent({ name: 'patched', delay: '7d' })],
      imageFactory: {
        defaults: { coordinationWindow: '0' },
        supplyChain: {
          signatures: [releaseSigns(host)],
          bypassSeverity: 'critical',
        },
      },
    });
    await api.refresh();

    // The fix: a new digest whose scan no longer lists CVE-2026-0001.
    const fixed = await bed.registry().pushImage('library/node', '22', {
      content: 'fixed',
    });
    await attest(fixed, []);
    await api.refresh();

    expect(github.runs).toHaveLength(1);
    expect(github.runs[0].inputs).toMatchObject({
      [GITHUB_INPUT_NAMES.trigger]: 'evidence',
      [GITHUB_INPUT_NAMES.reason]:
        'Rebuild before the delay on evidence: newer base image digests fix CVE-2026-0001',
    });
    expect(
      JSON.parse(String(github.runs[0].inputs[GITHUB_INPUT_NAMES.baseImages])),
    ).toEqual([{ ref: `${host}/library/node:22`, digest: fixed }]);
    const status = (await api.get('/images/default/component/patched')).body;
    expect(status.rebuilds[0]).toMatchObject({
      trigger: 'evidence',
      requestedBy: 'image-factory',
      justification: 'newer base image digests fix CVE-2026-0001',
    });
    expect(status.emergencyRebuildCount).toBe(1);
    // A policy bypass by the plugin itself, with the ids it was made for.
    expect(events.filter(e => e.eventId === 'rebuild')).toEqual([
      expect.objectContaining({
        severityLevel: 'high',
        fromRequest: false,
        status: 'succeeded',
        meta: expect.objectContaining({
          entityRef: 'component:default/patched',
          trigger: 'evidence',
          fixes: ['CVE-2026-0001'],
        }),
      }),
    ]);
  });

  it('takes vulnerabilities from the Trivy Operator of a cluster, unsigned images too, and rebuilds on a fix', async () => {
    const host = bed.registry().host;
    const github = await bed.useGithub({
      repositories: ['clustered'],
      dockerfile: `FROM ${host}/library/python:3\n`,
    });
    const cluster = await startKubernetesApi(TRIVY_VULNERABILITY_REPORT_API);
    try {
      const report = (digest: string, ids: string[]) =>
        vulnerabilityReport({
          namespace: 'payments',
          server: host,
          repository: 'library/python',
          digest,
          updateTimestamp: new Date().toISOString(),
          vulnerabilities: ids.map(id => ({ id, severity: 'CRITICAL' })),
        });
      const vulnerable = await bed
        .registry()
        .pushImage('library/python', '3', { content: 'vulnerable' });
      cluster.objects = {
        payments: [report(vulnerable, ['CVE-2026-0007'])],
      };
      const api = await bed.start({
        entities: [bed.githubComponent({ name: 'clustered', delay: '7d' })],
        imageFactory: {
          defaults: { coordinationWindow: '0' },
          supplyChain: {
            // No signing key: the cluster's reports are the only evidence.
            vulnerabilities: { trivyOperator: trivyOperatorOf(cluster) },
            bypassSeverity: 'critical',
          },
        },
      });
      const status = async () =>
        (await api.get('/images/default/component/clustered')).body;
      await api.refresh();
      const first = (await status()).baseImages[0];
      expect(first.signatureMode).toBeUndefined();
      expect(first.updates[0].signature).toBeUndefined();
      expect(first.updates[0].vulnerabilities).toMatchObject({
        state: 'reported',
        detail: expect.stringMatching(
          /^Scanned by trivy 0\.58\.1 on \d{4}-\d\d-\d\d \(Trivy Operator, namespace payments\)\.$/,
        ),
        ids: { critical: ['CVE-2026-0007'] },
      });

      // A new digest the cluster has no report of yet, and a cluster that
      // then refuses: the base image says why, nothing is built.
      const fixed = await bed
        .registry()
        .pushImage('library/python', '3', { content: 'fixed' });
      cluster.answer = { status: 403 };
      await api.refresh();
      const refused = await status();
      expect(refused.baseImages[0].error).toBe(
        `The vulnerabilities of ${fixed} could not be checked: could not list Trivy Operator VulnerabilityReports in any namespace: Kubernetes API answered HTTP 403`,
      );
      expect(github.runs).toEqual([]);

      // The cluster answers again and has scanned the new digest: the fix
      // rebuilds before the delay.
      cluster.answer = undefined;
      cluster.objects.payments.push(report(fixed, []));
      await api.refresh();
      expect(github.runs).toHaveLength(1);
      expect(github.runs[0].inputs).toMatchObject({
        [GITHUB_INPUT_NAMES.trigger]: 'evidence',
        [GITHUB_INPUT_NAMES.reason]:
          'Rebuild before the delay on evidence: newer base image digests fix CVE-2026-0007',
      });
      const rebuilt = await status();
      expect(rebuilt.baseImages[0].error).toBeUndefined();
      expect(rebuilt.baseImages[0].updates[0]).toMatchObject({
        digest: fixed,
        vulnerabilities: { state: 'reported', ids: {} },
      });
    } finally {
      await cluster.stop();
    }
  });

  it('lists first, in the fleet, the image whose newest base digest fixes a critical vulnerability of its built one', async () => {
    const cluster = await startKubernetesApi(TRIVY_VULNERABILITY_REPORT_API);
    try {
      const host = bed.registry().host;
      const report = (repository: string, digest: string, ids: string[]) =>
        vulnerabilityReport({
          namespace: 'shop',
          server: host,
          repository,
          digest,
          updateTimestamp: new Date().toISOString(),
          vulnerabilities: ids.map(id => ({ id, severity: 'CRITICAL' })),
        });
      const enrolled = (name: string, base: string) =>
        bed.fileComponent({
          name,
          dockerfile: `FROM ${host}/${base}\n`,
          annotations: {
            'image-factory.io/image': `${host}/acme/${name}`,
            'image-factory.io/rebuild-delay': '7d',
          },
        });
      const python = await bed
        .registry()
        .pushImage('library/python', '3', { content: 'p1' });
      const node = await bed
        .registry()
        .pushImage('library/node', '22', { content: 'n1' });
      cluster.objects = {
        shop: [
          report('library/python', python, []),
          report('library/node', node, ['CVE-2026-0451']),
        ],
      };
      const api = await bed.start({
        entities: [
          enrolled('aardvark', 'library/python:3'),
          enrolled('zebra', 'library/node:22'),
        ],
        imageFactory: {
          supplyChain: {
            vulnerabilities: { trivyOperator: trivyOperatorOf(cluster) },
          },
        },
      });
      await api.refresh();
      // aardvark goes stale first; zebra later, on a digest that fixes the
      // critical vulnerability of the one it is built on.
      const python2 = await bed
        .registry()
        .pushImage('library/python', '3', { content: 'p2' });
      cluster.objects.shop.push(report('library/python', python2, []));
      await api.refresh();
      const node2 = await bed
        .registry()
        .pushImage('library/node', '22', { content: 'n2' });
      cluster.objects.shop.push(report('library/node', node2, []));
      await api.refresh();

      const list = (await api.get('/images?order=staleness')).body;
      expect(
        list.items.map((i: { entityRef: string; staleSince?: string }) => [
          i.entityRef,
          typeof i.staleSince,
        ]),
      ).toEqual([
        ['component:default/zebra', 'string'],
        ['component:default/aardvark', 'string'],
      ]);
      expect(list.items[0].upstreamCriticalFixes).toBe(1);
      expect(list.items[1]).not.toHaveProperty('upstreamCriticalFixes');
      expect(list.items[1].staleSince < list.items[0].staleSince).toBe(true);
    } finally {
      await cluster.stop();
    }
  });
});
