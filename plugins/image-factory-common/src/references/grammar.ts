// The reference grammar Docker accepts (distribution's reference package),
// written out as patterns. Only lowercase letters are allowed in the repository
// path; hosts and tags may use uppercase.

const ALPHANUMERIC = '[a-z0-9]+';
// One period, one or two underscores, or any number of dashes.
const SEPARATOR = '(?:[._]|__|-+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
// Letters and digits, with dashes inside: written so that the pattern never
// backtracks (each dash run must be followed by a letter or digit).
const DOMAIN_COMPONENT = '[a-zA-Z0-9]+(?:-+[a-zA-Z0-9]+)*';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const IPV6_ADDRESS = '\\[[a-fA-F0-9:]+\\]';

/** A repository path: path components separated by `/`. */
export const REPOSITORY_PATTERN = new RegExp(
  `^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`,
);

/** A registry: a domain name, IPv4 or bracketed IPv6 address, optional port. */
export const REGISTRY_PATTERN = new RegExp(
  `^(?:${DOMAIN_NAME}|${IPV6_ADDRESS})(?::[0-9]+)?$`,
);

/** A tag: a word character, then up to 127 word characters, `.` or `-`. */
export const TAG_PATTERN = /^\w[\w.-]{0,127}$/;

/** A digest: `algorithm:hex` with at least 32 hexadecimal characters. */
export const DIGEST_PATTERN =
  /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/** A bare image ID, which Docker refuses as a repository name. */
export const IMAGE_ID_PATTERN = /^[a-f0-9]{64}$/;

/**
 * Digest algorithms Docker can verify, with the length of their lowercase hex
 * encoding. Others are well-formed but unsupported.
 */
export const DIGEST_ALGORITHMS: ReadonlyMap<string, number> = new Map([
  ['sha256', 64],
  ['sha384', 96],
  ['sha512', 128],
]);

/** Longest repository path Docker accepts. */
export const REPOSITORY_MAX_LENGTH = 255;

/**
 * Longest reference text looked at. A valid reference is far shorter (host,
 * 255-character path, 128-character tag, 128-hex digest); the cap keeps pattern
 * matching cheap on hostile input.
 */
export const REFERENCE_MAX_LENGTH = 1024;
