import fc from 'fast-check';
import { formatImageReference } from './formatImageReference';
import { ImageReferenceError } from './ImageReferenceError';
import { parseImageReference } from './parseImageReference';

const component = fc.stringMatching(
  /^[a-z0-9]{1,6}(?:(?:[._]|__|-{1,3})[a-z0-9]{1,6}){0,2}$/,
);
// A first path segment with a dot would be read as a registry host.
const hubComponent = fc.stringMatching(
  /^[a-z0-9]{1,6}(?:(?:_|__|-{1,3})[a-z0-9]{1,6}){0,2}$/,
);
const label = fc.stringMatching(
  /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,8}[a-zA-Z0-9])?$/,
);
const port = fc.integer({ min: 1, max: 65535 });
// Hosts that Docker recognises as hosts: a dot, a port, or localhost.
const host = fc.oneof(
  fc.tuple(label, label).map(([a, b]) => `${a}.${b}`),
  fc.tuple(label, port).map(([a, p]) => `${a}:${p}`),
  fc.tuple(label, label, port).map(([a, b, p]) => `${a}.${b}:${p}`),
  fc.constantFrom('localhost', 'localhost:5000', 'ghcr.io', '[::1]:5000'),
);
const path = fc
  .array(component, { minLength: 1, maxLength: 4 })
  .map(parts => parts.join('/'));
const hubPath = fc
  .tuple(hubComponent, fc.array(component, { maxLength: 3 }))
  .map(([first, rest]) => [first, ...rest].join('/'));
const tag = fc.stringMatching(/^\w[\w.-]{0,20}$/);
const digest = fc.oneof(
  fc.stringMatching(/^[a-f0-9]{64}$/).map(hex => `sha256:${hex}`),
  fc.stringMatching(/^[a-f0-9]{128}$/).map(hex => `sha512:${hex}`),
);
const suffix = fc
  .tuple(fc.option(tag, { nil: null }), fc.option(digest, { nil: null }))
  .map(([t, d]) => `${t === null ? '' : `:${t}`}${d === null ? '' : `@${d}`}`);

// References already in canonical form: explicit registry, `library/` on
// Docker Hub, a tag or a digest.
const DOCKER_HUB_NAMES = [
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
];
const canonical = fc.oneof(
  fc
    .tuple(host, path, suffix)
    .filter(([h, , s]) => s !== '' && !DOCKER_HUB_NAMES.includes(h))
    .map(([h, p, s]) => `${h}/${p}${s}`),
  fc
    .tuple(component, path, suffix)
    .filter(([, , s]) => s !== '')
    .map(([first, p, s]) => `docker.io/${first}/${p}${s}`),
);

// Anything a Dockerfile author might write.
const familiar = fc.oneof(
  fc.tuple(hubPath, suffix).map(([p, s]) => `${p}${s}`),
  fc.tuple(host, path, suffix).map(([h, p, s]) => `${h}/${p}${s}`),
  fc
    .tuple(
      fc.constantFrom('docker.io', 'index.docker.io', 'registry-1.docker.io'),
      path,
      suffix,
    )
    .map(([h, p, s]) => `${h}/${p}${s}`),
);

describe('formatImageReference', () => {
  it('writes registry, repository, tag and digest', () => {
    expect(
      formatImageReference({
        registry: 'docker.io',
        repository: 'library/node',
        tag: '22',
        digest: `sha256:${'a'.repeat(64)}`,
      }),
    ).toBe(`docker.io/library/node:22@sha256:${'a'.repeat(64)}`);
  });

  it('leaves out a missing tag or digest', () => {
    expect(
      formatImageReference({
        registry: 'ghcr.io',
        repository: 'acme/app',
        tag: null,
        digest: `sha256:${'b'.repeat(64)}`,
      }),
    ).toBe(`ghcr.io/acme/app@sha256:${'b'.repeat(64)}`);
    expect(
      formatImageReference({
        registry: 'localhost:5000',
        repository: 'app',
        tag: '5000',
        digest: null,
      }),
    ).toBe('localhost:5000/app:5000');
  });

  it('gives back a canonical reference unchanged after parsing', () => {
    fc.assert(
      fc.property(canonical, text => {
        expect(formatImageReference(parseImageReference(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('parses its own output to the same reference', () => {
    fc.assert(
      fc.property(familiar, text => {
        const parsed = parseImageReference(text);
        expect(parseImageReference(formatImageReference(parsed))).toEqual(
          parsed,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('normalizes every way of writing a Docker Hub image to one form', () => {
    fc.assert(
      fc.property(hubComponent, suffix, (name, s) => {
        const forms = [
          `${name}${s}`,
          `library/${name}${s}`,
          `docker.io/${name}${s}`,
          `index.docker.io/library/${name}${s}`,
          `registry-1.docker.io/${name}${s}`,
        ].map(text => formatImageReference(parseImageReference(text)));
        expect(new Set(forms).size).toBe(1);
      }),
    );
  });

  it('only ever throws ImageReferenceError while parsing arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), text => {
        let thrown: unknown = null;
        try {
          parseImageReference(text);
        } catch (error) {
          thrown = error;
        }
        expect(thrown === null || thrown instanceof ImageReferenceError).toBe(
          true,
        );
      }),
      { numRuns: 1000 },
    );
  });
});
