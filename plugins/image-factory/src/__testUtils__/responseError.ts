import { ResponseError } from '@backstage/errors';

/** A ResponseError as the client throws it for a backend error answer. */
export async function responseError(
  status: number,
  error: { name: string; message: string; [key: string]: unknown },
  extra: Record<string, unknown> = {},
): Promise<ResponseError> {
  const response = new Response(
    JSON.stringify({ error, response: { statusCode: status }, ...extra }),
    { status, headers: { 'Content-Type': 'application/json' } },
  );
  return ResponseError.fromResponse(response);
}
