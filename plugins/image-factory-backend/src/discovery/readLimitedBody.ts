/**
 * Reads a response body, refusing more than `limit` bytes so a misbehaving server
 * cannot fill the backend's memory with an endless "manifest".
 *
 * @throws RangeError when the body is larger than `limit`.
 */
export async function readLimitedBody(
  response: Response,
  limit: number,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (response.body === null) {
    return new Uint8Array();
  }
  if (Number.isFinite(declared) && declared > limit) {
    await response.body.cancel();
    throw new RangeError(
      `response of ${declared} bytes exceeds the ${limit} byte limit`,
    );
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new RangeError(`response exceeds the ${limit} byte limit`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
