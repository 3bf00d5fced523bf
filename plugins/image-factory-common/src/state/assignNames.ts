import type { ImageReference } from '../references';
import { parseStateRef } from './imageKeys';
import { hashText } from './hashText';
import { compareText } from './compareText';

const MAX_NAME_LENGTH = 63;
const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Whether a text is a DNS-1123 label: `[a-z0-9-]`, at most 63 characters,
 * starting and ending with a letter or digit. State files and Warehouses are
 * named with these.
 *
 * @public
 */
export function isStateName(text: string): boolean {
  return text.length <= MAX_NAME_LENGTH && NAME_PATTERN.test(text);
}

function slug(parts: Array<string | null | undefined>): string {
  return parts
    .filter((part): part is string => !!part)
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function fit(name: string, ref: string): string {
  if (name && name.length <= MAX_NAME_LENGTH) {
    return name;
  }
  const hash = hashText(ref);
  const room = MAX_NAME_LENGTH - hash.length - 1;
  const head = name.slice(0, room).replace(/-+$/, '');
  return head ? `${head}-${hash}` : `image-${hash}`;
}

function parse(ref: string): ImageReference | undefined {
  try {
    return parseStateRef(ref);
  } catch {
    return undefined;
  }
}

/**
 * The name a reference gets at a level of distinction: 0 is the last path
 * segment with tag (`node-22`), 1 adds registry and namespace
 * (`ghcr-io-acme-node-22`), 2 adds a hash of the whole reference, higher
 * levels salt that hash.
 */
function candidate(ref: string, level: number): string {
  const parsed = parse(ref);
  const segments = parsed ? parsed.repository.split('/') : [ref];
  const last = segments[segments.length - 1];
  const version = [
    parsed?.tag,
    parsed?.digest ? parsed.digest.replace(/^[^:]*:/, '').slice(0, 12) : null,
  ];
  const short = slug([last, ...version]);
  if (level === 0) {
    return fit(short, ref);
  }
  if (level === 1 && parsed) {
    const namespace = segments.slice(0, -1).filter(
      (segment, index) =>
        // Docker Hub's implicit `library/` tells nothing apart.
        !(
          parsed.registry === 'docker.io' &&
          index === 0 &&
          segment === 'library'
        ),
    );
    return fit(slug([parsed.registry, ...namespace, last, ...version]), ref);
  }
  const hash = hashText(level <= 2 ? ref : `${ref}#${level}`);
  return fit(
    `${short.slice(0, MAX_NAME_LENGTH - 9).replace(/-+$/, '')}-${hash}`,
    ref,
  );
}

/**
 * Gives every reference a unique DNS-1123 label (docs/state-files.md, "Names").
 * A reference keeps the name it already has in `existingNames` (a name written
 * to the state repository never changes). New references get the shortest
 * candidate that no other reference holds or wants:
 * `docker.io/library/node:22-bookworm-slim` becomes `node-22-bookworm-slim`;
 * when `docker.io/library/node:22` and `ghcr.io/acme/node:22` arrive together
 * both get their registry and namespace (`docker-io-node-22`,
 * `ghcr-io-acme-node-22`), then a hash of the reference if that still collides.
 * The result depends on the set of references, not their order.
 *
 * `refs` are normalized image references; a managed image is named by its
 * repository (`ghcr.io/acme/payments` gives `payments`).
 *
 * @returns every reference of `refs` with its name.
 * @public
 */
export function assignNames(
  refs: Iterable<string>,
  existingNames: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const wanted = [...new Set(refs)].sort();
  const names = new Map<string, string>();
  const taken = new Set<string>();
  // Where corrupt input gives two references one name, the first in sort order keeps it.
  for (const ref of wanted) {
    const existing = existingNames.get(ref);
    if (
      existing !== undefined &&
      isStateName(existing) &&
      !taken.has(existing)
    ) {
      names.set(ref, existing);
      taken.add(existing);
    }
  }
  for (const [ref, name] of [...existingNames].sort(([a], [b]) =>
    compareText(a, b),
  )) {
    if (!names.has(ref) && isStateName(name)) {
      taken.add(name);
    }
  }
  let pending = wanted.filter(ref => !names.has(ref));
  for (let level = 0; pending.length > 0; level++) {
    const candidates = new Map(
      pending.map(ref => [ref, candidate(ref, level)]),
    );
    const wantedBy = new Map<string, number>();
    for (const name of candidates.values()) {
      wantedBy.set(name, (wantedBy.get(name) ?? 0) + 1);
    }
    for (const [ref, name] of candidates) {
      if (wantedBy.get(name) === 1 && !taken.has(name)) {
        names.set(ref, name);
        taken.add(name);
      }
    }
    pending = pending.filter(ref => !names.has(ref));
  }
  return names;
}
