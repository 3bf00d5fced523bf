import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  generateCosignKeyPair,
  pushCosignSignature,
  simpleSigningPayload,
} from '../__testUtils__/cosign';
import {
  OciRegistry,
  startOciRegistry,
} from '../__testUtils__/startOciRegistry';
import { startReferrersRegistry } from '../__testUtils__/startReferrersRegistry';
import { readImageFactoryConfig } from '../config/readImageFactoryConfig';
import { readSignaturePolicies } from '../config/readSignaturePolicies';
import { RegistryClient } from '../discovery/RegistryClient';
import { RegistryError } from '../discovery/RegistryError';
import { RegistryPolicy } from '../discovery/RegistryPolicy';
import { EvidenceChecker } from './EvidenceChecker';

// Signatures pushed to a real OCI registry (Debian's docker-registry on
// loopback) in cosign's documented layout, with keys generated here: what
// `cosign sign --key cosign.key` stores.
describe('EvidenceChecker against a real registry', () => {
  const release = generateCosignKeyPair();
  const stranger = generateCosignKeyPair();
  let registry: OciRegistry;
  let checker: EvidenceChecker;

  const checkerFor = (signatures: object[], alsoAllowed?: string) => {
    const config = new ConfigReader({
      imageFactory: {
        // 127.0.0.1:9 refuses connections: a registry that is down.
        registries: [
          { host: registry.host, insecure: true },
          { host: '127.0.0.1:9', insecure: true },
          ...(alsoAllowed ? [{ host: alsoAllowed, insecure: true }] : []),
        ],
        allowPublic: false,
        supplyChain: { signatures },
      },
    });
    return new EvidenceChecker({
      client: RegistryClient.create({
        policy: RegistryPolicy.create(
          readImageFactoryConfig(config).registries,
        ),
        logger: mockServices.logger.mock(),
      }),
      policies: readSignaturePolicies(config.getConfig('imageFactory')),
    });
  };

  beforeAll(async () => {
    registry = await startOciRegistry();
    checker = checkerFor([
      {
        images: [`${registry.host}/acme/*`],
        publicKey: release.publicKeyPem,
        name: 'release',
        mode: 'require',
      },
    ]);
  });

  afterAll(() => registry?.stop());

  // A new image in its own repository, and the reference its payload names.
  async function pushed(repository: string) {
    const digest = await registry.pushImage(repository, '1');
    return {
      repository,
      digest,
      dockerReference: `${registry.host}/${repository}`,
    };
  }

  const check = (image: { repository: string; digest: string }) =>
    checker.checkSignature({ registry: registry.host, ...image });

  it('verifies a signature made with the configured key', async () => {
    const image = await pushed('acme/signed');
    await pushCosignSignature(registry, { ...image, key: release.privateKey });
    await expect(check(image)).resolves.toEqual({
      state: 'verified',
      detail: 'Signed with the key "release".',
    });
  });

  it('finds no signature for an unsigned digest', async () => {
    const image = await pushed('acme/unsigned');
    await expect(check(image)).resolves.toEqual({
      state: 'unsigned',
      detail:
        'No cosign signature: the registry has no signature tag or referrer for this digest.',
    });
  });

  it('verifies a signature stored as an OCI referrer, where the registry offers the referrers API', async () => {
    const image = await pushed('acme/referred');
    const standIn = await startReferrersRegistry(registry.url);
    try {
      const referrer = await pushCosignSignature(registry, {
        ...image,
        // Images are pulled through the stand-in, so that is what cosign signs.
        dockerReference: `${standIn.host}/${image.repository}`,
        key: release.privateKey,
        referrerTag: 'signature-as-referrer',
      });
      standIn.refer({
        repository: image.repository,
        subject: image.digest,
        digest: referrer,
        artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json',
      });
      // Another kind of referrer, which a registry ignoring the filter may
      // list: not read.
      standIn.refer({
        repository: image.repository,
        subject: image.digest,
        digest: `sha256:${'0'.repeat(64)}`,
        artifactType: 'application/vnd.example.sbom',
      });
      const viaStandIn = checkerFor(
        [
          {
            images: [`${standIn.host}/acme/*`],
            publicKey: release.publicKeyPem,
            name: 'release',
          },
        ],
        standIn.host,
      );
      await expect(
        viaStandIn.checkSignature({
          registry: standIn.host,
          repository: image.repository,
          digest: image.digest,
        }),
      ).resolves.toEqual({
        state: 'verified',
        detail: 'Signed with the key "release".',
      });
      expect(standIn.asked()).toEqual([
        `/v2/acme/referred/referrers/${image.digest}?artifactType=application%2Fvnd.dev.cosign.artifact.sig.v1%2Bjson`,
      ]);
    } finally {
      await standIn.stop();
    }
  });

  it('refuses a signature made with another key', async () => {
    const image = await pushed('acme/stranger');
    await pushCosignSignature(registry, { ...image, key: stranger.privateKey });
    await expect(check(image)).resolves.toEqual({
      state: 'invalid',
      detail:
        'The signature is not valid for this digest: it does not verify with the key "release".',
    });
  });

  it('refuses a payload changed after it was signed', async () => {
    const image = await pushed('acme/tampered');
    const signed = simpleSigningPayload(image.dockerReference, image.digest);
    await pushCosignSignature(registry, {
      ...image,
      key: release.privateKey,
      signedPayload: signed,
      payload: Buffer.from(`${signed.toString()} `),
    });
    await expect(check(image)).resolves.toMatchObject({ state: 'invalid' });
  });

  it('refuses a valid signature of another digest copied to this one', async () => {
    const image = await pushed('acme/copied');
    const other = await registry.pushImage('acme/copied', 'other', {
      content: 'another build',
    });
    await pushCosignSignature(registry, {
      ...image,
      key: release.privateKey,
      payload: simpleSigningPayload(image.dockerReference, other),
    });
    await expect(check(image)).resolves.toEqual({
      state: 'invalid',
      detail: `The signature is not valid for this digest: it signs another digest, ${other}.`,
    });
  });

  it('refuses a valid signature of another repository', async () => {
    const image = await pushed('acme/moved');
    await pushCosignSignature(registry, {
      ...image,
      key: release.privateKey,
      payload: simpleSigningPayload(
        `${registry.host}/acme/elsewhere`,
        image.digest,
      ),
    });
    await expect(check(image)).resolves.toEqual({
      state: 'invalid',
      detail: `The signature is not valid for this digest: it signs another repository, ${registry.host}/acme/elsewhere.`,
    });
  });

  it('verifies with any key configured for the repository, and takes the strictest mode', async () => {
    const both = checkerFor([
      {
        images: [`${registry.host}/acme/*`],
        publicKey: release.publicKeyPem,
        name: 'release',
      },
      {
        images: [`${registry.host}/acme/stranger-two`],
        publicKey: stranger.publicKeyPem,
        name: 'stranger',
        mode: 'require',
      },
    ]);
    const image = await pushed('acme/stranger-two');
    await pushCosignSignature(registry, { ...image, key: stranger.privateKey });
    await expect(
      both.checkSignature({ registry: registry.host, ...image }),
    ).resolves.toMatchObject({ state: 'verified' });
    expect(both.modeOf(`${registry.host}/acme/stranger-two`)).toBe('require');
    expect(both.modeOf(`${registry.host}/acme/other`)).toBe('warn');
    expect(both.modeOf(`${registry.host}/elsewhere/x`)).toBeUndefined();
  });

  it('fails with a registry error when the registry cannot be read, so nothing is recorded', async () => {
    const down = checkerFor([
      { images: ['127.0.0.1:9/acme/*'], publicKey: release.publicKeyPem },
    ]);
    await expect(
      down.checkSignature({
        registry: '127.0.0.1:9',
        repository: 'acme/x',
        digest: `sha256:${'a'.repeat(64)}`,
      }),
    ).rejects.toBeInstanceOf(RegistryError);
  });
});
