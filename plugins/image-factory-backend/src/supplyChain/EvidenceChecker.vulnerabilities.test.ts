import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  generateCosignKeyPair,
  pushVulnAttestation,
  trivyReport,
} from '../__testUtils__/cosign';
import {
  OciRegistry,
  startOciRegistry,
} from '../__testUtils__/startOciRegistry';
import { startReferrersRegistry } from '../__testUtils__/startReferrersRegistry';
import { readImageFactoryConfig } from '../config/readImageFactoryConfig';
import { RegistryClient } from '../discovery/RegistryClient';
import { RegistryPolicy } from '../discovery/RegistryPolicy';
import { EvidenceChecker } from './EvidenceChecker';

const NOW = new Date('2026-12-04T12:00:00.000Z');
const REPORT = trivyReport([
  { id: 'CVE-2026-0001', severity: 'CRITICAL' },
  { id: 'CVE-2026-0002', severity: 'HIGH' },
  { id: 'CVE-2026-0003', severity: 'MEDIUM' },
  { id: 'CVE-2026-0004', severity: 'LOW' },
  // The same id in another package counts once, at its most severe.
  { id: 'CVE-2026-0002', severity: 'LOW' },
  { id: 'GHSA-xxxx-yyyy-zzzz', severity: 'UNKNOWN' },
]);

// Vulnerability attestations pushed to a real OCI registry (Debian's
// docker-registry on loopback) in cosign's documented layout, as `cosign
// attest --key --type vuln` stores them, with keys generated here.
describe('EvidenceChecker reading vulnerability attestations from a real registry', () => {
  const release = generateCosignKeyPair();
  const stranger = generateCosignKeyPair();
  let registry: OciRegistry;
  let checker: EvidenceChecker;

  // A checker that reads the registry at `host`, with the release key
  // configured for its `acme/` repositories.
  function checkerFor(host: string): EvidenceChecker {
    const config = readImageFactoryConfig(
      new ConfigReader({
        imageFactory: {
          registries: [{ host, insecure: true }],
          allowPublic: false,
          supplyChain: {
            signatures: [
              {
                images: [`${host}/acme/*`],
                publicKey: release.publicKeyPem,
                name: 'release',
              },
            ],
            vulnerabilities: { listSeverity: 'high', maxAge: '7d' },
          },
        },
      }),
    );
    return new EvidenceChecker({
      client: RegistryClient.create({
        policy: RegistryPolicy.create(config.registries),
        logger: mockServices.logger.mock(),
      }),
      policies: config.signatures,
      vulnerabilities: config.vulnerabilities,
    });
  }

  beforeAll(async () => {
    registry = await startOciRegistry();
    checker = checkerFor(registry.host);
  });

  afterAll(() => registry?.stop());

  async function image(repository: string) {
    const digest = await registry.pushImage(repository, '1');
    return { registry: registry.host, repository, digest };
  }

  it('summarizes a verified attestation: counts by severity, the ids at or above the listed severity', async () => {
    const target = await image('acme/scanned');
    await pushVulnAttestation(registry, {
      ...target,
      key: release.privateKey,
      report: REPORT,
      scanFinishedOn: '2026-12-03T08:00:00Z',
    });
    await expect(checker.checkVulnerabilities(target, NOW)).resolves.toEqual({
      state: 'reported',
      detail: 'Scanned by trivy 0.58.1 on 2026-12-03.',
      scannedAt: '2026-12-03T08:00:00.000Z',
      counts: { critical: 1, high: 1, medium: 1, low: 1, unknown: 1 },
      ids: { critical: ['CVE-2026-0001'], high: ['CVE-2026-0002'] },
    });
  });

  it('reads an attestation stored as an OCI referrer, where the registry offers the referrers API', async () => {
    const target = await image('acme/referred-scan');
    const standIn = await startReferrersRegistry(registry.url);
    try {
      standIn.refer({
        repository: target.repository,
        subject: target.digest,
        digest: await pushVulnAttestation(registry, {
          ...target,
          key: release.privateKey,
          report: REPORT,
          scanFinishedOn: '2026-12-03T08:00:00Z',
          referrerTag: 'scan-as-referrer',
        }),
        artifactType: 'application/vnd.dev.cosign.artifact.att.v1+json',
      });
      await expect(
        checkerFor(standIn.host).checkVulnerabilities(
          { ...target, registry: standIn.host },
          NOW,
        ),
      ).resolves.toMatchObject({
        state: 'reported',
        counts: { critical: 1, high: 1, medium: 1, low: 1, unknown: 1 },
        ids: { critical: ['CVE-2026-0001'], high: ['CVE-2026-0002'] },
      });
      expect(standIn.asked()).toEqual([
        `/v2/acme/referred-scan/referrers/${target.digest}?artifactType=application%2Fvnd.dev.cosign.artifact.att.v1%2Bjson`,
      ]);
    } finally {
      await standIn.stop();
    }
  });

  it('says so when there is no attestation', async () => {
    const target = await image('acme/unscanned');
    await expect(checker.checkVulnerabilities(target, NOW)).resolves.toEqual({
      state: 'none',
      detail:
        'No vulnerability attestation: the registry has no attestation tag or referrer for this digest.',
    });
  });

  it('refuses an attestation signed with another key', async () => {
    const target = await image('acme/stranger');
    await pushVulnAttestation(registry, {
      ...target,
      key: stranger.privateKey,
      report: REPORT,
      scanFinishedOn: '2026-12-03T08:00:00Z',
    });
    await expect(checker.checkVulnerabilities(target, NOW)).resolves.toEqual({
      state: 'invalid',
      detail:
        'No vulnerability attestation is valid for this digest: it does not verify with the key "release".',
    });
  });

  it('refuses a verified attestation about another digest', async () => {
    const target = await image('acme/copied');
    const other = await registry.pushImage('acme/copied', 'other', {
      content: 'another build',
    });
    await pushVulnAttestation(registry, {
      ...target,
      subject: other,
      key: release.privateKey,
      report: REPORT,
      scanFinishedOn: '2026-12-03T08:00:00Z',
    });
    await expect(checker.checkVulnerabilities(target, NOW)).resolves.toEqual({
      state: 'invalid',
      detail:
        'No vulnerability attestation is valid for this digest: it is about another digest.',
    });
  });

  it('marks a scan older than maxAge as expired, keeping what it found', async () => {
    const target = await image('acme/stale-scan');
    await pushVulnAttestation(registry, {
      ...target,
      key: release.privateKey,
      report: REPORT,
      scanFinishedOn: '2026-11-20T08:00:00Z',
    });
    await expect(
      checker.checkVulnerabilities(target, NOW),
    ).resolves.toMatchObject({
      state: 'expired',
      detail: 'Expired: scanned by trivy 0.58.1 on 2026-11-20.',
      counts: { critical: 1 },
    });
  });
});
