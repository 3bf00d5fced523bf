import { generateKeyPairSync, sign } from 'node:crypto';
import { simpleSigningPayload } from '../__testUtils__/cosign';
import { verifySimpleSigning } from './verifySimpleSigning';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const expected = { repository: 'docker.io/library/node', digest: DIGEST };

describe('verifySimpleSigning', () => {
  it.each([
    [
      'ECDSA P-256',
      generateKeyPairSync('ec', { namedCurve: 'P-256' }),
      'sha256',
    ],
    ['RSA', generateKeyPairSync('rsa', { modulusLength: 2048 }), 'sha256'],
    ['Ed25519', generateKeyPairSync('ed25519'), null],
  ] as const)(
    'verifies a signature by an %s key, naming Docker Hub in its long spelling',
    (_kind, pair, algorithm) => {
      const payload = simpleSigningPayload(
        'index.docker.io/library/node',
        DIGEST,
      );
      const signature = sign(algorithm, payload, pair.privateKey).toString(
        'base64',
      );
      expect(
        verifySimpleSigning({ payload, signature }, expected, [
          { name: 'release', key: pair.publicKey },
        ]),
      ).toEqual({ verified: true, key: 'release' });
    },
  );

  it('names every key when none verifies, and takes garbage for a bad signature', () => {
    const a = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const b = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const payload = simpleSigningPayload('docker.io/library/node', DIGEST);
    expect(
      verifySimpleSigning(
        { payload, signature: 'not base64 at all!' },
        expected,
        [
          { name: 'a', key: a.publicKey },
          { name: 'b', key: b.publicKey },
        ],
      ),
    ).toEqual({
      verified: false,
      problem: 'key',
      reason: 'it does not verify with any of the keys "a", "b"',
    });
  });
});
