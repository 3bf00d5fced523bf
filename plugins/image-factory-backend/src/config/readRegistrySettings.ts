import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  formatKargoInterval,
  normalizeRegistryHost,
} from '@image-factory/backstage-plugin-image-factory-common';
import { readConfigDuration } from './readConfigDuration';

/**
 * Credentials configured for a registry host.
 *
 * @public
 */
export type RegistryCredentials =
  | { type: 'basic'; username: string; password: string }
  | { type: 'bearer'; token: string };

/** One entry of `imageFactory.registries`, checked. */
export interface RegistryHostSettings {
  /** The host as images name it, normalized (`docker.io`, `localhost:5000`). */
  host: string;
  /** Plain HTTP instead of HTTPS. */
  insecure: boolean;
  /** `minInterval`: minimum time between two checks of one tag, when set. */
  minIntervalMs?: number;
  credentials?: RegistryCredentials;
  /** Normalized host of the pull-through mirror to query instead. */
  mirror?: string;
}

/** `imageFactory.registries` and `imageFactory.allowPublic`. */
export interface RegistrySettings {
  /** Whether the well-known public registries may be contacted. Default true. */
  allowPublic: boolean;
  /** The listed hosts, each once. */
  hosts: RegistryHostSettings[];
}

/**
 * Reads `registries` and `allowPublic` of the `imageFactory` section.
 *
 * @throws InputError naming the entry for a malformed host, a host listed
 *   twice (however it is spelled), a bad `minInterval` or mixed credentials.
 */
export function readRegistrySettings(
  config: Config | undefined,
): RegistrySettings {
  const hosts = new Map<string, RegistryHostSettings>();
  for (const entry of config?.getOptionalConfigArray('registries') ?? []) {
    const host = normalizeRegistryHost(entry.getString('host'));
    if (!host || /[\s/]/.test(host)) {
      throw new InputError(
        `imageFactory.registries: "${entry.getString(
          'host',
        )}" is not a registry host (use host[:port], no scheme or path)`,
      );
    }
    if (hosts.has(host)) {
      throw new InputError(`imageFactory.registries lists ${host} twice`);
    }
    hosts.set(host, readHostSettings(entry, host));
  }
  return {
    allowPublic: config?.getOptionalBoolean('allowPublic') ?? true,
    hosts: [...hosts.values()],
  };
}

/**
 * The Warehouse interval of each host with a `minInterval`, as Kargo writes it:
 * `1s`, `5m` and `24h` stay as they are, `1d` is `24h`, `90m` is `1h30m`.
 */
export function warehouseRegistryIntervals(
  registries: RegistrySettings,
): Record<string, string> {
  return Object.fromEntries(
    registries.hosts.flatMap(({ host, minIntervalMs }) =>
      minIntervalMs === undefined
        ? []
        : [[host, formatKargoInterval(minIntervalMs)]],
    ),
  );
}

function readHostSettings(entry: Config, host: string): RegistryHostSettings {
  const minIntervalMs = readConfigDuration(
    entry,
    'minInterval',
    `imageFactory.registries[${host}].minInterval`,
  );
  const username = entry.getOptionalString('username');
  const password = entry.getOptionalString('password');
  const token = entry.getOptionalString('token');
  if (token && (username || password)) {
    throw new InputError(
      `imageFactory.registries[${host}]: set either token or username and password, not both`,
    );
  }
  if (Boolean(username) !== Boolean(password)) {
    throw new InputError(
      `imageFactory.registries[${host}]: username and password go together`,
    );
  }
  let credentials: RegistryCredentials | undefined;
  if (token) {
    credentials = { type: 'bearer', token };
  } else if (username && password) {
    credentials = { type: 'basic', username, password };
  }
  const mirror = entry.getOptionalString('mirror');
  return {
    host,
    insecure: entry.getOptionalBoolean('insecure') ?? false,
    minIntervalMs,
    credentials,
    mirror: mirror === undefined ? undefined : normalizeRegistryHost(mirror),
  };
}
