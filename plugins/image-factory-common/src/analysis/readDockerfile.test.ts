import { readDockerfile } from './readDockerfile';

// How BuildKit reads these; where the former reader on dockerfile-ast read them
// otherwise, the test says so.

function stepsOf(content: string) {
  return readDockerfile(content).stages.map(stage => stage.steps);
}

describe('readDockerfile', () => {
  describe('continuation lines', () => {
    it('joins them, skipping comment and blank lines inside (dockerfile-ast read "A=1" as an instruction)', () => {
      const parsed = readDockerfile('FROM alpine\nENV\\\n# note\n\n  A=1\n');
      expect(parsed.stages[0].steps).toEqual([
        { kind: 'ENV', line: 2, declarations: [{ name: 'A', value: '1' }] },
      ]);
      expect(parsed.warnings).toEqual([]);
    });

    it('keeps the blanks between words that a continuation separates (dockerfile-ast glued "B" and "C")', () => {
      expect(stepsOf('FROM alpine\nARG A B\\\n  C\n')[0]).toEqual([
        {
          kind: 'ARG',
          line: 2,
          declarations: [
            { name: 'A', value: null },
            { name: 'B', value: null },
            { name: 'C', value: null },
          ],
        },
      ]);
    });

    it("continues with the escape directive's character", () => {
      const parsed = readDockerfile(
        '# escape=`\r\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 `\r\n  AS base\r\nCOPY C:\\app\\ C:\\out\\\r\n',
      );
      expect(parsed.escapeChar).toBe('`');
      expect(parsed.stages).toEqual([
        expect.objectContaining({
          line: 2,
          image: 'mcr.microsoft.com/windows/servercore:ltsc2022',
          name: 'base',
        }),
      ]);
    });
  });

  describe('ARG and ENV', () => {
    it('keeps a quoted value with blanks as one word after a bare name (dockerfile-ast split it)', () => {
      expect(readDockerfile("ARG A B='c d'\nFROM x\n").globalArgs).toEqual([
        {
          line: 1,
          declarations: [
            { name: 'A', value: null },
            { name: 'B', value: "'c d'" },
          ],
        },
      ]);
    });

    it('reads the older "ENV name value" form with the rest of the text as the value', () => {
      expect(stepsOf('FROM x\nENV PATH /a /b\n')[0]).toEqual([
        {
          kind: 'ENV',
          line: 2,
          declarations: [{ name: 'PATH', value: '/a /b' }],
        },
      ]);
    });
  });

  describe('parser directives', () => {
    it('are read only before the first blank, comment or instruction line', () => {
      expect(
        readDockerfile('\n# syntax=docker/dockerfile:1\nFROM x\n').syntax,
      ).toBeNull();
      expect(
        readDockerfile('# hello\n# syntax=docker/dockerfile:1\nFROM x\n')
          .syntax,
      ).toBeNull();
      expect(
        readDockerfile('\uFEFF # Syntax = docker/dockerfile:1.7 \nFROM x\n')
          .syntax,
      ).toEqual({ value: 'docker/dockerfile:1.7', line: 1 });
    });

    it('warns of an invalid escape and of a second directive of a kind, which BuildKit refuses', () => {
      const parsed = readDockerfile(
        '# escape=/\n# syntax=docker/dockerfile:1\n# syntax=other/frontend:2\nFROM x \\\n  AS y\n',
      );
      expect(parsed.escapeChar).toBe('\\');
      expect(parsed.syntax).toEqual({ value: 'docker/dockerfile:1', line: 2 });
      expect(parsed.stages[0].name).toBe('y');
      expect(parsed.warnings).toEqual([
        {
          line: 1,
          stage: null,
          message:
            'the escape directive must be "\\" or "`", found "/"; "\\" is used',
        },
        {
          line: 3,
          stage: null,
          message:
            'only one "# syntax=" directive may be given; this one is ignored',
        },
      ]);
    });
  });

  describe('heredocs', () => {
    it('leaves their lines out, for each heredoc of a line in turn', () => {
      const parsed = readDockerfile(
        [
          'FROM alpine',
          'COPY <<one <<"two" /etc/',
          'FROM one',
          'one',
          'FROM two',
          'two',
          'RUN <<-EOT',
          '\tFROM tabbed',
          '\tEOT',
          'ONBUILD RUN <<X',
          'FROM onbuild',
          'X',
          'FROM node:22',
        ].join('\n'),
      );
      expect(parsed.stages.map(stage => [stage.line, stage.image])).toEqual([
        [1, 'alpine'],
        [13, 'node:22'],
      ]);
      expect(parsed.warnings).toEqual([]);
    });

    it('are not opened by a quoted "<<" or by instructions that take none', () => {
      const parsed = readDockerfile(
        'FROM alpine\nRUN echo "<<EOF"\nLABEL a=<<EOF\nFROM node:22\n',
      );
      expect(parsed.stages.map(stage => stage.image)).toEqual([
        'alpine',
        'node:22',
      ]);
    });

    it('warns of one that is never closed', () => {
      const parsed = readDockerfile(
        'FROM alpine\nRUN <<EOF\necho hi\nFROM node\n',
      );
      expect(parsed.stages).toHaveLength(1);
      expect(parsed.warnings).toEqual([
        {
          line: 2,
          stage: 0,
          message:
            'the heredoc "EOF" is never closed: no line reads "EOF", so the rest of the file is its text',
        },
      ]);
    });
  });

  describe('flags', () => {
    it('reads COPY --from and RUN --mount from the leading flags only', () => {
      expect(
        stepsOf(
          'FROM x\nCOPY --chown=1 --from="build" /a /b\nCOPY /a --from=other /b\nRUN --mount=type=bind,from=cache,target=/c make\n',
        )[0],
      ).toEqual([
        { kind: 'COPY', line: 2, source: 'build' },
        { kind: 'RUN', line: 4, source: 'cache' },
      ]);
    });

    it('warns of a --from without a value and ignores an empty one', () => {
      const parsed = readDockerfile(
        'FROM x\nCOPY --from /a /b\nCOPY --from= /a /b\n',
      );
      expect(parsed.stages[0].steps).toEqual([]);
      expect(parsed.warnings).toEqual([
        { line: 2, stage: 0, message: 'COPY --from needs a value' },
      ]);
    });

    it('reads a FROM after its --platform flag', () => {
      expect(
        readDockerfile('FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n')
          .stages[0],
      ).toEqual({
        index: 0,
        line: 1,
        image: 'golang:1.23',
        name: 'build',
        steps: [],
      });
    });
  });
});
