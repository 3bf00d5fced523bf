import { doesNotVerify, SigningKey, verifiesWith } from './verifySimpleSigning';

/** What a DSSE envelope holds, once one of its signatures verifies. */
export type DsseOutcome =
  | { verified: true; key: string; payload: unknown }
  | { verified: false; reason: string };

// DSSE's pre-authentication encoding: what is signed, so that the payload type
// cannot be swapped (https://github.com/secure-systems-lab/dsse, protocol.md).
function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType);
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `),
    type,
    Buffer.from(` ${payload.length} `),
    payload,
  ]);
}

/**
 * Verifies a DSSE envelope, as cosign stores an attestation: one of its
 * signatures must verify over the pre-authentication encoding of its payload
 * with one of the keys; the payload is then parsed as JSON.
 */
export function verifyDsseEnvelope(
  envelopeBytes: Uint8Array,
  keys: readonly SigningKey[],
): DsseOutcome {
  let envelope: {
    payloadType?: unknown;
    payload?: unknown;
    signatures?: unknown;
  };
  try {
    envelope = JSON.parse(Buffer.from(envelopeBytes).toString('utf8'));
  } catch {
    return { verified: false, reason: 'it is not a JSON DSSE envelope' };
  }
  const { payloadType, payload, signatures } = envelope;
  if (
    typeof payloadType !== 'string' ||
    typeof payload !== 'string' ||
    !Array.isArray(signatures)
  ) {
    return { verified: false, reason: 'it is not a DSSE envelope' };
  }
  const body = Buffer.from(payload, 'base64');
  const signed = pae(payloadType, body);
  for (const entry of signatures.slice(0, 16)) {
    const sig = (entry as { sig?: unknown } | null)?.sig;
    if (typeof sig !== 'string') continue;
    const key = keys.find(candidate =>
      verifiesWith(candidate, signed, Buffer.from(sig, 'base64')),
    );
    if (key) {
      try {
        return {
          verified: true,
          key: key.name,
          payload: JSON.parse(body.toString('utf8')),
        };
      } catch {
        return { verified: false, reason: 'its payload is not JSON' };
      }
    }
  }
  return { verified: false, reason: doesNotVerify(keys) };
}
