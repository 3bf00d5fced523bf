/**
 * Runs `task` on each item, at most `limit` at a time, and yields the results in
 * the items' order, each as soon as it and those before it are done. So the work
 * overlaps (file reads wait on the thread pool, not on each other) while output
 * keeps the argument order and can be streamed, and no more than `limit` results
 * are held at once however many items there are.
 *
 * A task that rejects makes the iteration throw when its turn comes, after the
 * results before it have been yielded.
 *
 * @public
 */
export async function* mapInOrder<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): AsyncGenerator<R, void, undefined> {
  const pending: Promise<R>[] = [];
  let next = 0;
  const startNext = () => {
    const result = task(items[next++]);
    // Awaited in its turn below; until then its rejection must not count as
    // unhandled, which would end the process before the earlier results are out.
    result.catch(() => {});
    pending.push(result);
  };
  while (next < items.length && pending.length < limit) {
    startNext();
  }
  while (pending.length > 0) {
    const result = await pending.shift()!;
    // Start the next task before handing this result over, so `limit` stay in
    // flight while the caller writes it.
    if (next < items.length) {
      startNext();
    }
    yield result;
  }
}
