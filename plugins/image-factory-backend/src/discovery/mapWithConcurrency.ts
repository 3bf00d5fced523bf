/**
 * Maps items through an async function with at most `concurrency` calls in flight,
 * keeping the input order in the result. `fn` is expected not to reject; a
 * rejection rejects the whole map.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  const workers = Math.max(
    1,
    Math.min(Math.floor(concurrency) || 1, items.length),
  );
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
