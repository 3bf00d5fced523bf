import { RegistryHoldRecord } from '../database';
import { DiscoveryResult, DiscoveryTarget, RegistryError } from '../discovery';

/**
 * Splits the due targets into those that may be asked and those on a registry
 * that asked us to wait: the latter fail at once with the registry's own answer.
 */
export function splitHeldTargets(
  due: readonly DiscoveryTarget[],
  holds: readonly RegistryHoldRecord[],
): { asked: DiscoveryTarget[]; held: DiscoveryResult[] } {
  const byRegistry = new Map(holds.map(h => [h.registry, h]));
  const asked: DiscoveryTarget[] = [];
  const held: DiscoveryResult[] = [];
  for (const target of due) {
    const hold = byRegistry.get(target.registry);
    if (!hold) {
      asked.push(target);
      continue;
    }
    held.push({
      ok: false,
      target,
      error: new RegistryError({
        message: `${target.registry}/${target.repository}:${target.tag}: ${hold.reason}`,
        registry: target.registry,
        repository: target.repository,
        status: 429,
        retryAt: hold.until,
      }),
    });
  }
  return { asked, held };
}

/** The waits the registries asked for in these results, one per registry. */
export function holdsFrom(
  results: readonly DiscoveryResult[],
): RegistryHoldRecord[] {
  const holds = new Map<string, RegistryHoldRecord>();
  for (const result of results) {
    if (result.ok || !(result.error instanceof RegistryError)) continue;
    const { retryAt, registry } = result.error;
    if (!retryAt) continue;
    const known = holds.get(registry);
    if (!known || known.until < retryAt) {
      holds.set(registry, {
        registry,
        until: retryAt,
        // The image's own part of the message is not the registry's reason.
        reason: result.error.message.replace(/^[^ ]+: /, ''),
      });
    }
  }
  return [...holds.values()];
}
