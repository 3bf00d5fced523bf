import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run, runImageFactory } from '../__testUtils__/runImageFactory';

const REPOSITORY_ROOT = resolve(__dirname, '../../../..');
const DIGEST = `sha256:${'c0ffee00'.repeat(8)}`;

function imageFactory(cwd: string, ...args: string[]) {
  return runImageFactory(cwd, args);
}

const WEB_DOCKERFILE = [
  '# syntax=docker/dockerfile:1.7',
  'ARG NODE_VERSION=22',
  'FROM node:${NODE_VERSION}-bookworm-slim AS build',
  'RUN yarn build',
  `FROM gcr.io/distroless/nodejs22-debian12@${DIGEST}`,
  'COPY --from=build /app /app',
  'COPY --from=$TOOLS /bin/tool /bin/tool',
  '',
].join('\n');

describe('image-factory analyze', () => {
  jest.setTimeout(120_000);
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'image-factory-cli-'));
    await writeFile(join(dir, 'Dockerfile'), WEB_DOCKERFILE);
    await writeFile(
      join(dir, 'no-from.Dockerfile'),
      '# only a comment\nARG A=1\n',
    );
    await writeFile(
      join(dir, 'binary.Dockerfile'),
      Buffer.from([70, 82, 0, 1, 2]),
    );
    await writeFile(
      join(dir, 'huge.Dockerfile'),
      `FROM alpine\n${'#'.repeat(2_000_000)}\n`,
    );
    await mkdir(join(dir, 'folder.Dockerfile'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the analysis of one Dockerfile as JSON', async () => {
    const result = await imageFactory(dir, 'analyze', 'Dockerfile');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      baseImages: [
        {
          ref: 'docker.io/library/node:22-bookworm-slim',
          registry: 'docker.io',
          repository: 'library/node',
          tag: '22-bookworm-slim',
          digest: null,
          instruction: 'FROM',
          stages: ['build'],
          line: 3,
        },
        {
          ref: `gcr.io/distroless/nodejs22-debian12@${DIGEST}`,
          registry: 'gcr.io',
          repository: 'distroless/nodejs22-debian12',
          tag: null,
          digest: DIGEST,
          instruction: 'FROM',
          stages: ['#1'],
          line: 5,
        },
      ],
      frontend: {
        ref: 'docker.io/docker/dockerfile:1.7',
        registry: 'docker.io',
        repository: 'docker/dockerfile',
        tag: '1.7',
        digest: null,
      },
      stages: [
        { name: 'build', index: 0 },
        { name: null, index: 1 },
      ],
      warnings: [
        {
          line: 7,
          message:
            'cannot resolve COPY --from="$TOOLS": variable TOOLS is not declared in this stage',
        },
      ],
    });
  });

  it('applies --build-arg and --target', async () => {
    const result = await imageFactory(
      dir,
      'analyze',
      join(dir, 'Dockerfile'),
      '--build-arg',
      'NODE_VERSION=20',
      '--build-arg=UNUSED=a=b,c',
      '--target',
      'build',
    );
    expect(result.status).toBe(0);
    const analysis = JSON.parse(result.stdout);
    expect(
      analysis.baseImages.map((image: { ref: string }) => image.ref),
    ).toEqual(['docker.io/library/node:20-bookworm-slim']);
    expect(analysis.stages).toEqual([{ name: 'build', index: 0 }]);
    expect(analysis.warnings).toEqual([]);
  });

  it('resolves the platform ARGs for each --platform and names the platforms of a base image only some use', async () => {
    await writeFile(
      join(dir, 'multi.Dockerfile'),
      'FROM golang:1.22-$TARGETARCH AS build\nFROM alpine:3.20\n',
    );
    const result = await imageFactory(
      dir,
      'analyze',
      'multi.Dockerfile',
      '--platform',
      'linux/amd64',
      '--platform=linux/arm64',
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(
      JSON.parse(result.stdout).baseImages.map(
        (image: { ref: string; platforms?: string[] }) => [
          image.ref,
          image.platforms,
        ],
      ),
    ).toEqual([
      ['docker.io/library/golang:1.22-amd64', ['linux/amd64']],
      ['docker.io/library/golang:1.22-arm64', ['linux/arm64']],
      ['docker.io/library/alpine:3.20', undefined],
    ]);

    // One value may list several, as docker buildx build takes them.
    const listed = await imageFactory(
      dir,
      'analyze',
      'multi.Dockerfile',
      '--platform=linux/amd64,linux/arm64',
    );
    expect(listed).toEqual(result);

    // Without --platform, the build platform: one base image for every platform.
    const plain = await imageFactory(dir, 'analyze', 'multi.Dockerfile');
    expect(
      JSON.parse(plain.stdout).baseImages.map(
        (image: { ref: string; platforms?: string[] }) => [
          image.ref,
          image.platforms,
        ],
      ),
    ).toEqual([
      ['docker.io/library/golang:1.22-amd64', undefined],
      ['docker.io/library/alpine:3.20', undefined],
    ]);
  });

  it('exits with 2 for a --platform that is not os/arch[/variant], before reading any file', async () => {
    const result = await imageFactory(
      dir,
      'analyze',
      'Dockerfile',
      'missing.Dockerfile',
      '--platform',
      'amd64',
    );
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'image-factory analyze: --platform: "amd64" is not a platform: use os/arch or os/arch/variant, e.g. linux/amd64\n',
    });
  });

  it.each([
    ['no-from.Dockerfile', 1, 'the Dockerfile has no FROM instruction'],
    [
      'binary.Dockerfile',
      1,
      'the Dockerfile contains NUL bytes; it looks like a binary file',
    ],
    ['huge.Dockerfile', 1, 'the Dockerfile is larger than 1048576 bytes'],
    ['missing.Dockerfile', 2, 'no such file'],
    ['folder.Dockerfile', 2, 'is a directory'],
  ])(
    'fails for %s with status %i and one line on stderr',
    async (file, status, message) => {
      const result = await imageFactory(dir, 'analyze', file);
      expect(result).toEqual({
        status,
        stdout: '',
        stderr: `image-factory analyze: ${file}: ${message}\n`,
      });
    },
  );

  it('fails for an unknown target stage', async () => {
    const result = await imageFactory(
      dir,
      'analyze',
      'Dockerfile',
      '--target',
      'nope',
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'image-factory analyze: Dockerfile: target stage "nope" is not defined; the named stages are build\n',
    );
  });

  it.each([
    [['analyze'], "error: missing required argument 'dockerfiles'"],
    [
      ['analyze', '--build-arg', 'NO_EQUALS', 'Dockerfile'],
      "argument 'NO_EQUALS' is invalid",
    ],
    [
      ['analyze', '--build-arg', '1X=2', 'Dockerfile'],
      "argument '1X=2' is invalid",
    ],
    [['analyze', '--nope', 'Dockerfile'], "error: unknown option '--nope'"],
    [['nope'], "error: unknown command 'nope'"],
  ])('exits with 2 for bad arguments %j', async (args, message) => {
    const result = await imageFactory(dir, ...args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints one JSON line per file and exits with the worst status', async () => {
    const result = await imageFactory(
      dir,
      'analyze',
      'Dockerfile',
      'no-from.Dockerfile',
      'Dockerfile',
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(lines).toEqual([
      expect.objectContaining({
        file: 'Dockerfile',
        stages: expect.any(Array),
      }),
      {
        file: 'no-from.Dockerfile',
        error: 'the Dockerfile has no FROM instruction',
      },
      expect.objectContaining({ file: 'Dockerfile' }),
    ]);
    expect(Object.keys(lines[0])).toEqual([
      'file',
      'baseImages',
      'frontend',
      'stages',
      'warnings',
    ]);
  });

  it('reports a missing file among several with status 2', async () => {
    const result = await imageFactory(
      dir,
      'analyze',
      'missing.Dockerfile',
      'binary.Dockerfile',
      'Dockerfile',
    );
    expect(result.status).toBe(2);
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(lines.map(line => line.error ?? 'ok')).toEqual([
      'no such file',
      'the Dockerfile contains NUL bytes; it looks like a binary file',
      'ok',
    ]);
  });

  it('prints the files read at once in argument order, each failure in its place', async () => {
    // More files than are read at once, with failures among them.
    const failing: Record<number, string> = {
      7: 'missing.Dockerfile',
      40: 'huge.Dockerfile',
      61: 'folder.Dockerfile',
    };
    const files = Array.from(
      { length: 80 },
      (_, i) => failing[i] ?? 'Dockerfile',
    );
    const result = await imageFactory(dir, 'analyze', ...files);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('');
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map(line => JSON.parse(line));
    expect(lines.map(line => line.file)).toEqual(files);
    expect(lines.map(line => line.error ?? line.baseImages.length)).toEqual(
      files.map(
        file =>
          ({
            Dockerfile: 2,
            'missing.Dockerfile': 'no such file',
            'huge.Dockerfile': 'the Dockerfile is larger than 1048576 bytes',
            'folder.Dockerfile': 'is a directory',
          }[file]),
      ),
    );
  });

  it('runs as `yarn image-factory` from the repository root', async () => {
    const result = await run(
      'yarn',
      ['image-factory', 'analyze', join(dir, 'Dockerfile')],
      REPOSITORY_ROOT,
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).baseImages).toHaveLength(2);
  });

  it('reads relative paths from the directory Yarn was started in', async () => {
    const result = await runImageFactory(
      REPOSITORY_ROOT,
      ['analyze', 'Dockerfile'],
      { INIT_CWD: dir },
    );
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).baseImages).toHaveLength(2);
  });
});
