import { mapInOrder } from './mapInOrder';

/** A promise with its resolve and reject at hand, to finish tasks in any order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

// Common tests run in a browser-like environment: a macrotask, not setImmediate.
const tick = () => new Promise(resolve => setTimeout(resolve, 0));

describe('mapInOrder', () => {
  it('yields in the items’ order when the tasks finish in reverse', async () => {
    const tasks = Array.from({ length: 5 }, () => deferred<string>());
    const results: string[] = [];
    const done = (async () => {
      for await (const result of mapInOrder([0, 1, 2, 3, 4], 5, i =>
        tasks[i].promise.then(value => `${i}:${value}`),
      )) {
        results.push(result);
      }
    })();
    for (let i = 4; i >= 0; i--) {
      tasks[i].resolve(`done${i}`);
      await tick();
      // Nothing is yielded before the first item is done.
      expect(results).toHaveLength(i === 0 ? 5 : 0);
    }
    await done;
    expect(results).toEqual([
      '0:done0',
      '1:done1',
      '2:done2',
      '3:done3',
      '4:done4',
    ]);
  });

  it('runs no more than the limit at once, and starts the next as each result is taken', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results: number[] = [];
    for await (const result of mapInOrder(
      Array.from({ length: 50 }, (_, i) => i),
      4,
      async i => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        // Later items finish first within each window of four.
        await new Promise(resolve => setTimeout(resolve, (50 - i) % 4));
        running--;
        return i;
      },
    )) {
      // The result taken and the limit of four after it, never further ahead.
      expect(started).toHaveLength(Math.min(50, result + 5));
      results.push(result);
    }
    expect(most).toBe(4);
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('throws a task’s error in its turn, after the results before it', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const results: number[] = [];
      const iterate = async () => {
        for await (const result of mapInOrder([0, 1, 2, 3], 4, async i => {
          if (i === 2) {
            throw new Error('task 2 failed');
          }
          // The failing task rejects before those ahead of it are done.
          await new Promise(resolve => setTimeout(resolve, 20));
          return i;
        })) {
          results.push(result);
        }
      };
      await expect(iterate()).rejects.toThrow('task 2 failed');
      expect(results).toEqual([0, 1]);
      await tick();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('yields nothing for no items', async () => {
    const task = jest.fn(async () => 1);
    for await (const result of mapInOrder([], 8, task)) {
      throw new Error(`unexpected ${result}`);
    }
    expect(task).not.toHaveBeenCalled();
  });
});
