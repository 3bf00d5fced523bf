import { Session } from 'node:inspector/promises';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Runs `work` under the V8 CPU profiler when `dir` is set and writes what it
 * sampled to `<dir>/<name>.cpuprofile` (Chromium's DevTools and speedscope open
 * it); without `dir` it only runs `work`.
 */
export async function profiled<T>(
  dir: string | undefined,
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  if (!dir) {
    return work();
  }
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(
      path.join(dir, `${name.replace(/[^\w.-]+/g, '-')}.cpuprofile`),
      JSON.stringify(profile),
    );
  }
}
