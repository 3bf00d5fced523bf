import {
  DIGEST_ALGORITHMS,
  DIGEST_PATTERN,
  IMAGE_ID_PATTERN,
  REFERENCE_MAX_LENGTH,
  REGISTRY_PATTERN,
  REPOSITORY_MAX_LENGTH,
  REPOSITORY_PATTERN,
  TAG_PATTERN,
} from './grammar';
import { ImageReferenceError, quotePart } from './ImageReferenceError';
import {
  DOCKER_HUB_OFFICIAL_NAMESPACE,
  DOCKER_HUB_REGISTRY,
  normalizeRegistry,
} from './registries';
import type { ImageReference, ImageReferencePart } from './types';

const DEFAULT_TAG = 'latest';

/** The part that keeps a text from being an image reference, and why. */
interface ReferenceProblem {
  ok: false;
  part: ImageReferencePart;
  detail: string;
}

/** A parsed reference, or why the text is not one. */
export type ReadReference =
  | { ok: true; reference: ImageReference }
  | ReferenceProblem;

function problem(part: ImageReferencePart, detail: string): ReferenceProblem {
  return { ok: false, part, detail };
}

interface SplitName {
  registry: string;
  /** The text after the registry, as written (no `library/` added yet). */
  remainder: string;
}

// Docker's rule: the first path segment is a registry host when it is
// `localhost`, contains `.` or `:`, or has uppercase letters (repository paths
// never do); otherwise the whole text lives on Docker Hub.
function splitRegistry(text: string): SplitName {
  const slash = text.indexOf('/');
  if (slash === -1) {
    return { registry: DOCKER_HUB_REGISTRY, remainder: text };
  }
  const first = text.slice(0, slash);
  const isHost =
    first === 'localhost' ||
    first.includes('.') ||
    first.includes(':') ||
    first.toLowerCase() !== first;
  return isHost
    ? { registry: normalizeRegistry(first), remainder: text.slice(slash + 1) }
    : { registry: DOCKER_HUB_REGISTRY, remainder: text };
}

function checkDigest(digest: string): ReferenceProblem | null {
  if (digest === '') {
    return problem('digest', 'digest is empty after "@"');
  }
  if (!DIGEST_PATTERN.test(digest)) {
    return problem(
      'digest',
      `digest ${quotePart(digest)} is not of the form algorithm:hex`,
    );
  }
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const encoded = digest.slice(colon + 1);
  const length = DIGEST_ALGORITHMS.get(algorithm);
  if (length === undefined) {
    return problem(
      'digest',
      `digest algorithm ${quotePart(
        algorithm,
      )} is not supported (use sha256, sha384 or sha512)`,
    );
  }
  if (encoded.length !== length || !/^[a-f0-9]+$/.test(encoded)) {
    return problem(
      'digest',
      `digest ${quotePart(
        digest,
      )} must have ${length} lowercase hexadecimal characters after "${algorithm}:"`,
    );
  }
  return null;
}

function checkRepository(path: string): ReferenceProblem | null {
  // The pattern only admits lowercase text, so a match settles every check
  // without lowercasing a copy; otherwise they run in turn to say what is wrong.
  if (REPOSITORY_PATTERN.test(path)) {
    return null;
  }
  if (path === '') {
    return problem('repository', 'repository is empty');
  }
  if (path.toLowerCase() !== path) {
    return problem(
      'repository',
      `repository ${quotePart(path)} must be lowercase`,
    );
  }
  return problem(
    'repository',
    `repository ${quotePart(
      path,
    )} is invalid: each "/"-separated part must be lowercase letters and digits joined by ".", "_", "__" or dashes`,
  );
}

function checkRegistry(registry: string): ReferenceProblem | null {
  // Most images live on Docker Hub, whose name needs no checking.
  return registry === DOCKER_HUB_REGISTRY || REGISTRY_PATTERN.test(registry)
    ? null
    : problem(
        'registry',
        `registry ${quotePart(registry)} is not a valid host[:port]`,
      );
}

function checkTag(tag: string): ReferenceProblem | null {
  if (tag === '') {
    return problem('tag', 'tag is empty after ":"');
  }
  if (!TAG_PATTERN.test(tag)) {
    return problem(
      'tag',
      `tag ${quotePart(
        tag,
      )} is invalid: it must start with a letter, digit or "_" and have at most 128 letters, digits, "_", "." or "-"`,
    );
  }
  return null;
}

/**
 * Reads an image reference as {@link parseImageReference} does, returning what
 * is wrong instead of throwing: the analysis meets many invalid references, and
 * an error is far slower to build than the whole parse.
 */
export function readImageReference(text: string): ReadReference {
  if (text === '') {
    return problem('reference', 'reference is empty');
  }
  if (text.length > REFERENCE_MAX_LENGTH) {
    return problem(
      'reference',
      `reference is longer than ${REFERENCE_MAX_LENGTH} characters`,
    );
  }
  if (IMAGE_ID_PATTERN.test(text)) {
    return problem(
      'repository',
      'a 64-character hexadecimal image ID is not a repository name',
    );
  }

  const { registry, remainder } = splitRegistry(text);

  const at = remainder.indexOf('@');
  const name = at === -1 ? remainder : remainder.slice(0, at);
  const digest = at === -1 ? null : remainder.slice(at + 1);
  // Repository paths never contain ":", so the tag starts at the first one.
  const colon = name.indexOf(':');
  const path = colon === -1 ? name : name.slice(0, colon);
  const tag = colon === -1 ? null : name.slice(colon + 1);

  const invalid =
    checkRepository(path) ??
    checkRegistry(registry) ??
    (tag === null ? null : checkTag(tag)) ??
    (digest === null ? null : checkDigest(digest));
  if (invalid !== null) {
    return invalid;
  }

  const repository =
    registry === DOCKER_HUB_REGISTRY && !path.includes('/')
      ? `${DOCKER_HUB_OFFICIAL_NAMESPACE}/${path}`
      : path;
  if (repository.length > REPOSITORY_MAX_LENGTH) {
    return problem(
      'repository',
      `repository is longer than ${REPOSITORY_MAX_LENGTH} characters`,
    );
  }

  return {
    ok: true,
    reference: {
      registry,
      repository,
      tag: tag ?? (digest === null ? DEFAULT_TAG : null),
      digest,
    },
  };
}

/**
 * Parses and normalizes an image reference the way Docker does.
 *
 * @remarks
 * - The registry defaults to `docker.io`; `index.docker.io` and
 *   `registry-1.docker.io` become `docker.io`.
 * - A one-segment Docker Hub name gets the `library/` namespace.
 * - The first segment is a registry host when it is `localhost`, contains `.` or
 *   `:` (a port), or has uppercase letters. So `localhost:5000/app:5000` has
 *   registry `localhost:5000` and tag `5000`, while `localhost:5000` alone is the
 *   Docker Hub image `library/localhost` with tag `5000`.
 * - `name:tag@digest` keeps both; the tag defaults to `latest` only when there is
 *   neither a tag nor a digest.
 * - Each part is validated: the repository must be lowercase and well-formed (at
 *   most 255 characters), the tag must match Docker's tag grammar (at most 128
 *   characters), the digest must be a sha256, sha384 or sha512 digest in
 *   lowercase hex, the registry must be a host with an optional port.
 *
 * @param text - a reference such as `node:22`, `ghcr.io/acme/app@sha256:…`
 * @returns the normalized reference
 * @throws {@link ImageReferenceError} naming the bad part
 * @public
 */
export function parseImageReference(text: string): ImageReference {
  const read = readImageReference(text);
  if (!read.ok) {
    throw new ImageReferenceError(text, read.part, read.detail);
  }
  return read.reference;
}
