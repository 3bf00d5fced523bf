import { parseDuration } from '../durations';
import { isPublicRegistry } from '../references';
import type { WarehouseOptions } from './types';
import { DEFAULT_WAREHOUSE_OPTIONS } from './warehouseDefaults';

/**
 * Writes a duration in the form Kargo's `spec.interval` accepts
 * (`^([0-9]+(\.[0-9]+)?(s|m|h))+$`): hours, minutes and whole seconds, at least
 * one second. `1d` gives `24h`, `90m` gives `1h30m`.
 *
 * @public
 */
export function formatKargoInterval(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  return (
    [
      hours ? `${hours}h` : '',
      minutes ? `${minutes}m` : '',
      rest ? `${rest}s` : '',
    ].join('') || '1s'
  );
}

/**
 * The Warehouse interval for images of a registry: the per-registry option,
 * else 24h for public registries, else Kargo's default of 5m.
 *
 * @throws DurationError when an option is not a duration.
 * @public
 */
export function warehouseInterval(
  registry: string,
  options: WarehouseOptions = {},
): string {
  const configured =
    options.registryIntervals?.[registry] ??
    (isPublicRegistry(registry)
      ? options.publicRegistryInterval ??
        DEFAULT_WAREHOUSE_OPTIONS.publicRegistryInterval
      : options.defaultInterval ?? DEFAULT_WAREHOUSE_OPTIONS.defaultInterval);
  return formatKargoInterval(parseDuration(configured));
}
