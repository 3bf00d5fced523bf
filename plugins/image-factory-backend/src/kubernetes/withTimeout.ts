/** What {@link withTimeout} rejects with. */
export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Waits for `promise` at most `ms`. For clients that take no abort signal (the
 * Kubernetes client): the request is left to end on its own, but the run does
 * not wait for it.
 *
 * @throws TimeoutError when `ms` passed first
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
