import { ImageReferenceError } from './ImageReferenceError';
import { parseImageReference } from './parseImageReference';

const SHA256 = `sha256:${'0123456789abcdef'.repeat(4)}`;
const SHA512 = `sha512:${'0123456789abcdef'.repeat(8)}`;

describe('parseImageReference', () => {
  it.each([
    ['node', 'docker.io', 'library/node', 'latest', null],
    [
      'node:22-bookworm-slim',
      'docker.io',
      'library/node',
      '22-bookworm-slim',
      null,
    ],
    ['library/node:22', 'docker.io', 'library/node', '22', null],
    ['docker.io/node', 'docker.io', 'library/node', 'latest', null],
    [
      'index.docker.io/library/node:22',
      'docker.io',
      'library/node',
      '22',
      null,
    ],
    ['registry-1.docker.io/node', 'docker.io', 'library/node', 'latest', null],
    [
      'index.docker.io/bitnami/redis:7',
      'docker.io',
      'bitnami/redis',
      '7',
      null,
    ],
    ['bitnami/redis:7', 'docker.io', 'bitnami/redis', '7', null],
    ['ghcr.io/acme/app:1.0', 'ghcr.io', 'acme/app', '1.0', null],
    ['ghcr.io/app', 'ghcr.io', 'app', 'latest', null],
    ['localhost/app', 'localhost', 'app', 'latest', null],
    ['localhost:5000/app:5000', 'localhost:5000', 'app', '5000', null],
    ['registry:5000/team/app', 'registry:5000', 'team/app', 'latest', null],
    ['127.0.0.1:5000/app', '127.0.0.1:5000', 'app', 'latest', null],
    ['[::1]:5000/app:v1', '[::1]:5000', 'app', 'v1', null],
    [
      `gcr.io/distroless/base@${SHA256}`,
      'gcr.io',
      'distroless/base',
      null,
      SHA256,
    ],
    [`node:22@${SHA256}`, 'docker.io', 'library/node', '22', SHA256],
    [`quay.io/org/app@${SHA512}`, 'quay.io', 'org/app', null, SHA512],
    ['Example.COM/app:V1', 'Example.COM', 'app', 'V1', null],
    [
      'a.b-c.d/e/f_g__h-i.j---k:TAG_1.2-x',
      'a.b-c.d',
      'e/f_g__h-i.j---k',
      'TAG_1.2-x',
      null,
    ],
  ])('normalizes %s', (text, registry, repository, tag, digest) => {
    expect(parseImageReference(text)).toEqual({
      registry,
      repository,
      tag,
      digest,
    });
  });

  it('reads a tag that looks like a port as a Docker Hub tag when there is no path', () => {
    expect(parseImageReference('localhost:5000')).toEqual({
      registry: 'docker.io',
      repository: 'library/localhost',
      tag: '5000',
      digest: null,
    });
  });

  it('treats an uppercase first segment as a registry host, as Docker does', () => {
    expect(parseImageReference('Foo/bar').registry).toBe('Foo');
  });

  it('keeps a one-segment name with a dot on Docker Hub, as Docker does', () => {
    expect(parseImageReference('example.com')).toEqual({
      registry: 'docker.io',
      repository: 'library/example.com',
      tag: 'latest',
      digest: null,
    });
  });

  it.each([
    ['', 'reference', 'reference is empty'],
    ['Node', 'repository', 'repository "Node" must be lowercase'],
    ['foo/Bar:1', 'repository', 'repository "foo/Bar" must be lowercase'],
    [
      'ghcr.io/Acme/app',
      'repository',
      'repository "Acme/app" must be lowercase',
    ],
    ['node:', 'tag', 'tag is empty'],
    ['node:-x', 'tag', 'tag "-x" is invalid'],
    [`node:${'a'.repeat(129)}`, 'tag', 'is invalid'],
    ['ghcr.io/app:tag:more', 'tag', 'tag "tag:more" is invalid'],
    ['node@', 'digest', 'digest is empty'],
    [
      'node@sha256:abc',
      'digest',
      'digest "sha256:abc" is not of the form algorithm:hex',
    ],
    [
      `node@sha256:${'A'.repeat(64)}`,
      'digest',
      '64 lowercase hexadecimal characters',
    ],
    [
      `node@sha256:${'a'.repeat(63)}`,
      'digest',
      '64 lowercase hexadecimal characters',
    ],
    [
      `node@md5:${'a'.repeat(32)}`,
      'digest',
      'digest algorithm "md5" is not supported',
    ],
    ['a'.repeat(64), 'repository', 'image ID is not a repository name'],
    ['foo//bar', 'repository', 'repository "foo//bar" is invalid'],
    ['-foo', 'repository', 'repository "-foo" is invalid'],
    ['node latest', 'repository', 'repository "node latest" is invalid'],
    ['/node', 'repository', 'repository "/node" is invalid'],
    ['ghcr.io/', 'repository', 'repository is empty'],
    [
      'registry:port/app',
      'registry',
      'registry "registry:port" is not a valid host[:port]',
    ],
    ['-bad.example.com/app', 'registry', 'is not a valid host[:port]'],
    [`ghcr.io/${'a'.repeat(256)}`, 'repository', 'longer than 255 characters'],
    ['x'.repeat(2000), 'reference', 'longer than 1024 characters'],
  ])('rejects %j naming the %s', (text, part, message) => {
    let caught: unknown;
    try {
      parseImageReference(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ImageReferenceError);
    expect(caught).toMatchObject({ part, reference: text });
    expect((caught as Error).message).toContain(message);
  });

  it('quotes the whole reference in the message', () => {
    expect(() => parseImageReference('foo/Bar:1')).toThrow(
      'invalid image reference "foo/Bar:1": repository "foo/Bar" must be lowercase',
    );
  });

  it('shortens huge input in the message', () => {
    expect(() => parseImageReference('x'.repeat(5000))).toThrow(
      /"x{120}… \(5000 characters\)"/,
    );
  });
});
