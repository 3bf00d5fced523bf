import { analyzeDockerfile } from './analyzeDockerfile';
import { DockerfileAnalysisError } from './DockerfileAnalysisError';
import { DOCKERFILE_MAX_BYTES, EXPANSION_MAX_LENGTH } from './limits';

function failure(content: string): DockerfileAnalysisError {
  try {
    analyzeDockerfile(content);
  } catch (error) {
    if (error instanceof DockerfileAnalysisError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the analysis to fail');
}

describe('analyzeDockerfile on bad input', () => {
  it.each([
    ['an empty file', ''],
    ['only comments and ARGs', '# syntax=docker/dockerfile:1\n# hi\nARG A=1\n'],
    ['a FROM inside a heredoc only', 'RUN <<EOF\nFROM alpine\nEOF\n'],
  ])('fails with no-from for %s', (_name, content) => {
    expect(failure(content)).toMatchObject({
      reason: 'no-from',
      message: 'the Dockerfile has no FROM instruction',
    });
  });

  it('fails for binary content', () => {
    const content = `FROM alpine\n${String.fromCharCode(0, 1, 2, 255)}\n`;
    expect(failure(content)).toMatchObject({
      reason: 'binary',
      message: 'the Dockerfile contains NUL bytes; it looks like a binary file',
    });
  });

  it('fails for a 5 MB Dockerfile before parsing it', () => {
    const content = 'FROM alpine:3.20\nRUN echo hello\n'.repeat(170_000);
    expect(content.length).toBeGreaterThan(5_000_000);
    expect(failure(content)).toMatchObject({
      reason: 'too-large',
      message: `the Dockerfile is larger than ${DOCKERFILE_MAX_BYTES} bytes`,
    });
  });

  it('counts UTF-8 bytes, not characters, against the limit', () => {
    // 400,000 three-byte characters: 1.2 MB in UTF-8, fewer characters than the limit.
    const content = `FROM alpine:3.20\nLABEL x="${'€'.repeat(400_000)}"\n`;
    expect(content.length).toBeLessThan(DOCKERFILE_MAX_BYTES);
    expect(failure(content).reason).toBe('too-large');
  });

  it('analyses a Dockerfile with a 1 MB line', () => {
    const content = `FROM alpine:3.20\nRUN echo ${'a'.repeat(1_000_000)}\n`;
    expect(analyzeDockerfile(content).baseImages.map(b => b.ref)).toEqual([
      'docker.io/library/alpine:3.20',
    ]);
  });

  it('warns about a 1 MB image reference', () => {
    const content = `FROM alpine:3.20\nFROM ${'a'.repeat(1_000_000)}\n`;
    const analysis = analyzeDockerfile(content);
    expect(analysis.baseImages).toHaveLength(1);
    expect(analysis.warnings).toEqual([
      {
        line: 2,
        message: expect.stringContaining('longer than 1024 characters'),
      },
    ]);
  });

  it('warns about deeply nested variables', () => {
    const depth = 50_000;
    const content = `FROM ${'${A:-'.repeat(depth)}alpine${'}'.repeat(depth)}\n`;
    expect(analyzeDockerfile(content).warnings).toEqual([
      {
        line: 1,
        message: expect.stringContaining('nested more than 32 levels deep'),
      },
    ]);
  });

  it('warns about ARGs that double each other', () => {
    const args = Array.from(
      { length: 40 },
      (_, i) => `ARG A${i + 1}=$A${i}$A${i}`,
    );
    const content = ['ARG A0=ab', ...args, 'FROM alpine:$A40', ''].join('\n');
    expect(analyzeDockerfile(content).warnings).toEqual([
      {
        line: 42,
        message: expect.stringContaining(
          `the expansion is longer than ${EXPANSION_MAX_LENGTH} characters`,
        ),
      },
    ]);
  });

  it('stops expanding when a Dockerfile expands too much in total', () => {
    const big = 'x'.repeat(4000);
    const args = Array.from({ length: 1500 }, (_, i) => `ARG B${i}=$BIG`);
    const content = [`ARG BIG=${big}`, ...args, 'FROM alpine:$B1499', ''].join(
      '\n',
    );
    expect(analyzeDockerfile(content).warnings).toEqual([
      {
        line: 1502,
        message: expect.stringContaining(
          'expands too many characters in total',
        ),
      },
    ]);
  });
});
