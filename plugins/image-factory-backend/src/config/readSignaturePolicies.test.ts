import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { generateCosignKeyPair } from '../__testUtils__/cosign';
import { readSignaturePolicies } from './readSignaturePolicies';

const { publicKeyPem } = generateCosignKeyPair();

const read = (signatures: object[]) =>
  readSignaturePolicies(new ConfigReader({ supplyChain: { signatures } }));

describe('readSignaturePolicies', () => {
  it('reads repositories and prefixes as discovery spells them, with a name and warn by default', () => {
    const [policy] = read([
      {
        images: ['node', 'index.docker.io/acme/*', 'ghcr.io/acme/base-node'],
        publicKey: publicKeyPem,
      },
    ]);
    expect(policy).toMatchObject({
      images: [
        'docker.io/library/node',
        'docker.io/acme/*',
        'ghcr.io/acme/base-node',
      ],
      key: { name: 'node' },
      mode: 'warn',
    });
    expect(policy.key.key.asymmetricKeyType).toBe('ec');
  });

  it('reads nothing when no key is configured', () => {
    expect(readSignaturePolicies(new ConfigReader({}))).toEqual([]);
  });

  it.each([
    [
      'a tag',
      { images: ['node:22'], publicKey: publicKeyPem },
      'imageFactory.supplyChain.signatures[0].images: "node:22" is not a repository without a tag, or a prefix ending in "/*"',
    ],
    [
      'no repository',
      { images: [], publicKey: publicKeyPem },
      'imageFactory.supplyChain.signatures[0].images names no repository',
    ],
    [
      'an unknown mode',
      { images: ['node'], publicKey: publicKeyPem, mode: 'enforce' },
      'imageFactory.supplyChain.signatures[0].mode is "enforce"; it must be "warn" or "require"',
    ],
  ])('refuses %s', (_what, entry, message) => {
    expect(() => read([entry])).toThrow(new InputError(message));
  });

  it('refuses a key that is not a PEM public key, naming the entry and not the text', () => {
    expect(() =>
      read([{ images: ['node'], publicKey: 'not a key at all' }]),
    ).toThrow(
      /^imageFactory\.supplyChain\.signatures\[0\]\.publicKey is not a PEM public key/,
    );
  });
});
