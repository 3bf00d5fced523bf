const WARM_UP = 10;

/** p50 and p95 of `count` sequential GETs of the paths `pathOf(i)` gives, after a warm-up. */
export async function measureLatency(
  baseUrl: string,
  count: number,
  pathOf: (i: number) => string,
): Promise<{ p50: number; p95: number; failed: number }> {
  const times: number[] = [];
  let failed = 0;
  for (let i = -WARM_UP; i < count; i++) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${pathOf(Math.abs(i))}`);
    await response.arrayBuffer();
    if (i < 0) {
      continue;
    }
    times.push(performance.now() - started);
    if (!response.ok) {
      failed += 1;
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), failed };
}
