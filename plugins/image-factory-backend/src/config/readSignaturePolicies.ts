import { createPublicKey } from 'node:crypto';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  formatImageReference,
  parseImageReference,
} from '@image-factory/backstage-plugin-image-factory-common';
import type { SignaturePolicy } from '../supplyChain/EvidenceChecker';

const KEY = 'imageFactory.supplyChain.signatures';

const DOCKER_HUB_ALIASES = new Set(['index.docker.io', 'registry-1.docker.io']);

function isHost(segment: string): boolean {
  return (
    segment.includes('.') || segment.includes(':') || segment === 'localhost'
  );
}

// A prefix (`ghcr.io/acme/*`, `acme/*` for Docker Hub) with its host spelt as
// discovery spells it.
function readPrefix(name: string): string | undefined {
  const [first, ...rest] = name.split('/');
  if (!/^[a-z0-9._:/-]+$/.test(name) || name.endsWith('/')) {
    return undefined;
  }
  if (!isHost(first)) {
    return `docker.io/${name}/*`;
  }
  const host = DOCKER_HUB_ALIASES.has(first) ? 'docker.io' : first;
  return `${[host, ...rest].join('/')}/*`;
}

// A repository as images name it without a tag, spelt as discovery spells
// repositories: `node` is `docker.io/library/node`.
function readRepository(name: string): string | undefined {
  const last = name.slice(name.lastIndexOf('/') + 1);
  if (name.includes('@') || last.includes(':')) {
    return undefined;
  }
  try {
    const parsed = parseImageReference(name);
    return formatImageReference({ ...parsed, tag: null, digest: null });
  } catch {
    return undefined;
  }
}

function readPattern(text: string, where: string): string {
  const pattern = text.endsWith('/*')
    ? readPrefix(text.slice(0, -2))
    : readRepository(text);
  if (pattern === undefined) {
    throw new InputError(
      `${where}: "${text}" is not a repository without a tag, or a prefix ending in "/*"`,
    );
  }
  return pattern;
}

/**
 * Reads `imageFactory.supplyChain.signatures`.
 *
 * @throws InputError naming the entry for a key that is not a PEM public key,
 *   a malformed repository pattern or an unknown mode, so the backend does not
 *   start with a policy it would misapply.
 */
export function readSignaturePolicies(
  config: Config | undefined,
): SignaturePolicy[] {
  const entries =
    config?.getOptionalConfigArray('supplyChain.signatures') ?? [];
  return entries.map((entry, index) => {
    const where = `${KEY}[${index}]`;
    const images = entry.getStringArray('images');
    if (images.length === 0) {
      throw new InputError(`${where}.images names no repository`);
    }
    const mode = entry.getOptionalString('mode') ?? 'warn';
    if (mode !== 'warn' && mode !== 'require') {
      throw new InputError(
        `${where}.mode is "${mode}"; it must be "warn" or "require"`,
      );
    }
    let key;
    try {
      key = createPublicKey(entry.getString('publicKey'));
    } catch (error) {
      throw new InputError(
        `${where}.publicKey is not a PEM public key (${
          (error as Error).message
        })`,
      );
    }
    return {
      images: images.map(image => readPattern(image, `${where}.images`)),
      key: { name: entry.getOptionalString('name') ?? images[0], key },
      mode,
    };
  });
}
