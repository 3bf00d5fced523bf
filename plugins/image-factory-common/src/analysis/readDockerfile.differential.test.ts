import fc from 'fast-check';
import { readDockerfileWithDockerfileAst } from './__testUtils__/readDockerfileWithDockerfileAst';
import { readDockerfile } from './readDockerfile';

// readDockerfile replaced a reader built on dockerfile-ast. On Dockerfiles as
// people write them, in every layout the two parsers agree on, both must read
// the same. Where they do not agree (readDockerfile follows BuildKit),
// readDockerfile.test.ts says what BuildKit does.

// Joins the words of a generated instruction, where a break may go.
const SEP = '\u0001';

// Stands for the escape character, which the Dockerfile's directive chooses.
const ESC = '\u0002';

const word = fc.constantFrom(
  'alpine',
  'node:22',
  'A',
  'b1',
  '${A}',
  '$B',
  'x.y',
);
const image = fc.constantFrom(
  'alpine',
  'node:22-bookworm',
  'ghcr.io/acme/base:1',
  '${BASE}',
  '$BASE:${TAG:-1}',
  `localhost:5000/x@sha256:${'ab'.repeat(32)}`,
  'scratch',
  'build',
);
const value = fc.constantFrom(
  '1',
  '',
  '"a b"',
  "'c d'",
  '${A}',
  '$A-x',
  `x${ESC} y`,
  `"q${ESC}"r"`,
  'node:22',
);
const keyword = (name: string) =>
  fc.constantFrom(
    name,
    name.toLowerCase(),
    name[0] + name.slice(1).toLowerCase(),
  );

const declaration = fc.oneof(
  word.filter(w => /^[A-Za-z]\w*$/.test(w)),
  fc
    .tuple(fc.constantFrom('A', 'B', 'TAG', 'BASE'), value)
    .map(([n, v]) => `${n}=${v}`),
);

const from = fc
  .tuple(
    keyword('FROM'),
    fc.option(
      fc.constantFrom('--platform=$BUILDPLATFORM', '--platform=linux/arm64'),
    ),
    image,
    fc.option(
      fc.tuple(
        fc.constantFrom('AS', 'as'),
        fc.constantFrom('build', 'Base', 'x-1'),
      ),
    ),
  )
  .map(([k, flag, img, as]) =>
    [k, flag, img, as && [as[0], as[1]].join(SEP)].filter(Boolean).join(SEP),
  );
// (dockerfile-ast splits the words after a bare name on blanks, quotes or not.)
const arg = fc
  .tuple(keyword('ARG'), fc.array(declaration, { minLength: 1, maxLength: 3 }))
  .filter(
    ([, d]) =>
      !d.some(
        (w, i) => / /.test(w) && d.slice(0, i).some(b => !b.includes('=')),
      ),
  )
  .map(([k, d]) => [k, ...d].join(SEP));
const env = fc.oneof(
  fc
    .tuple(
      keyword('ENV'),
      fc.array(
        declaration.filter(d => d.includes('=')),
        { minLength: 1, maxLength: 3 },
      ),
    )
    .map(([k, d]) => [k, ...d].join(SEP)),
  fc
    .tuple(
      keyword('ENV'),
      fc.constantFrom('A', 'PATH'),
      fc.constantFrom('1', 'a b c', '$A'),
    )
    .map(
      // One piece: a legacy value keeps the blanks a continuation brings, which
      // dockerfile-ast drops.
      ([k, n, v]) => [k, `${n} ${v}`].join(SEP),
    ),
);
const copy = fc
  .tuple(
    keyword('COPY'),
    fc.array(
      fc.constantFrom(
        '--from=build',
        '--from=${A}',
        '--from=alpine:3',
        '--chown=1:1',
        '--link',
      ),
      {
        maxLength: 2,
      },
    ),
    fc.constantFrom('/out /app', '. .', '["a", "b"]'),
  )
  .map(([k, flags, paths]) => [k, ...flags, paths].join(SEP));
const run = fc
  .tuple(
    keyword('RUN'),
    fc.array(
      fc.constantFrom(
        '--mount=type=cache,target=/c',
        '--mount=type=bind,from=build,target=/b',
        '--mount=from=ghcr.io/x/cache:1,target=/c',
        '--network=none',
      ),
      { maxLength: 2 },
    ),
    fc.constantFrom(
      'make',
      'apk add --no-cache git',
      'echo "#not a comment"',
      'a && b',
    ),
  )
  .map(([k, flags, cmd]) => [k, ...flags, cmd].join(SEP));
const heredoc = fc
  .tuple(
    fc.constantFrom('RUN', 'COPY'),
    fc.constantFrom('EOF', 'END'),
    fc.array(fc.constantFrom('FROM evil', 'echo hi', '# note', '', 'ARG X=1'), {
      maxLength: 3,
    }),
  )
  .map(([k, name, body]) =>
    k === 'RUN'
      ? `RUN <<${name}\n${[...body, name].join('\n')}`
      : `COPY <<${name} /etc/x\n${[...body, name].join('\n')}`,
  );
const other = fc.constantFrom(
  'CMD ["node", "index.js"]',
  'WORKDIR /app',
  'LABEL a=b',
  'EXPOSE 80',
  'USER node',
  'ONBUILD COPY --from=build /a /b',
  'HEALTHCHECK CMD true',
  'FORM alpine',
);
const instruction = fc.oneof(
  { arbitrary: from, weight: 3 },
  { arbitrary: arg, weight: 3 },
  { arbitrary: env, weight: 2 },
  { arbitrary: copy, weight: 2 },
  { arbitrary: run, weight: 2 },
  { arbitrary: heredoc, weight: 1 },
  { arbitrary: other, weight: 2 },
);

// Breaks an instruction across lines between its words, with the comment and
// blank lines Docker allows inside a continuation. (dockerfile-ast misreads a
// comment line right after the keyword, so the first break has none.)
function continued(
  text: string,
  escape: string,
  breaks: number[],
  filler: string[],
): string {
  const words = text.split(SEP);
  if (text.includes('\n')) {
    return words.join(' ');
  }
  return words
    .map((w, i) => {
      if (i === 0) {
        return w;
      }
      if (!breaks.includes(i)) {
        return ` ${w}`;
      }
      return ` ${escape}\n${i === 1 ? '' : filler[i % filler.length]}  ${w}`;
    })
    .join('');
}

const dockerfile = fc
  .record({
    bom: fc.boolean(),
    crlf: fc.boolean(),
    syntax: fc.option(
      fc.constantFrom('docker/dockerfile:1', 'docker.io/docker/dockerfile:1.7'),
    ),
    backtick: fc.boolean(),
    lines: fc.array(
      fc.record({
        text: instruction,
        breaks: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 2 }),
        filler: fc.array(fc.constantFrom('', '# inside\n', '\n'), {
          minLength: 1,
          maxLength: 2,
        }),
        before: fc.constantFrom('', '\n', '# a comment\n', '  '),
      }),
      { maxLength: 12 },
    ),
  })
  .map(({ bom, crlf, syntax, backtick, lines }) => {
    const escape = backtick ? '`' : '\\';
    const head = [
      syntax && `# syntax=${syntax}`,
      backtick && '# escape=`',
    ].filter(Boolean);
    const body = lines.map(
      ({ text, breaks, filler, before }) =>
        before + continued(text, escape, breaks, filler),
    );
    const text = `${[...head, ...body].join('\n')}\n`.replaceAll(ESC, escape);
    return (bom ? '\uFEFF' : '') + (crlf ? text.replace(/\n/g, '\r\n') : text);
  });

describe('readDockerfile against the former reader on dockerfile-ast', () => {
  it('reads generated Dockerfiles as it did', () => {
    fc.assert(
      fc.property(dockerfile, content => {
        expect(readDockerfile(content)).toEqual(
          readDockerfileWithDockerfileAst(content),
        );
      }),
      { numRuns: 3000 },
    );
  });
});
