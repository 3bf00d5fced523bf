import fc from 'fast-check';
import type * as DockerfileAst from 'dockerfile-ast';

type Ast = typeof DockerfileAst;
type Counted = { getRawArguments(): unknown[] };

// A copy of dockerfile-ast of its own, with computeArgumentsOnce installed on it
// or not; `before` runs on the copy first.
function loadAst(installed: boolean, before?: (ast: Ast) => void): Ast {
  let ast: Ast | undefined;
  jest.isolateModules(() => {
    ast = require('dockerfile-ast');
    before?.(ast!);
    if (installed) {
      require('./computeArgumentsOnce');
    }
  });
  return ast!;
}

const plain = loadAst(false);
const once = loadAst(true);

type Range = DockerfileAst.Argument extends { getRange(): infer R } ? R : never;

function where(range: Range | null): string {
  return range === null
    ? '-'
    : `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

// What the analysis and other readers of dockerfile-ast see of each instruction.
function view(ast: Ast, content: string): unknown[] {
  return ast.DockerfileParser.parse(content)
    .getInstructions()
    .map(instruction => {
      const any = instruction as unknown as Record<string, () => unknown>;
      const args = (list: DockerfileAst.Argument[]) =>
        list.map(arg => [arg.getValue(), where(arg.getRange())]);
      return {
        keyword: instruction.getKeyword(),
        text: instruction.toString(),
        arguments: args(instruction.getArguments()),
        flags:
          'getFlags' in any
            ? (any.getFlags() as DockerfileAst.Flag[]).map(flag => [
                flag.getName(),
                flag.getValue(),
                where(flag.getRange()),
                where(flag.getValueRange()),
              ])
            : null,
        properties:
          'getProperties' in any
            ? (any.getProperties() as DockerfileAst.Property[]).map(p => [
                p.getName(),
                p.getValue(),
                p.getUnescapedValue(),
                p.getAssignmentOperator(),
                where(p.getRange()),
              ])
            : null,
        trigger:
          'getTriggerInstruction' in any
            ? (any.getTriggerInstruction() as DockerfileAst.Instruction | null)
                ?.getArguments()
                .map(arg => arg.getValue()) ?? null
            : null,
      };
    });
}

const FRAGMENTS = [
  'FROM ',
  'ARG ',
  'ENV ',
  'COPY ',
  'RUN ',
  'ADD ',
  'CMD ',
  'ONBUILD ',
  'ONBUILD COPY --from=x ',
  'HEALTHCHECK ',
  'LABEL ',
  'AS ',
  '--from=',
  '--mount=type=cache,from=a ',
  '--chown=1 ',
  'A=1 ',
  'A B ',
  '"q r" ',
  '${A}',
  'node:22 ',
  '[',
  ']',
  '"',
  '\\\n',
  '\\ \n',
  '`\n',
  '\n',
  '\r\n',
  ' ',
  '\t',
  '#',
  ' # note\n',
  '# escape=`\n',
  '<<EOF\n',
  'EOF\n',
  '\uFEFF',
];

const dockerfileLike = fc
  .array(fc.constantFrom(...FRAGMENTS), { maxLength: 50 })
  .map(parts => parts.join(''));

describe('computeArgumentsOnce, sharing lists between the instances the parser builds', () => {
  it('computes the arguments of each instruction once, though the parser builds it twice', () => {
    let computed = 0;
    const counted = loadAst(true, ast => {
      const prototype = ast.Instruction.prototype as unknown as Counted;
      const compute = prototype.getRawArguments;
      prototype.getRawArguments = function getRawArguments(this: Counted) {
        computed++;
        return compute.call(this);
      };
    });
    const instructions = counted.DockerfileParser.parse(
      'FROM node:22\nRUN make\nCOPY --from=build /out /app\nRUN make\n',
    ).getInstructions();
    instructions.forEach(instruction => instruction.getArguments());
    expect(computed).toBe(instructions.length);
  });

  it('gives every instruction, flag and property what dockerfile-ast alone gives', () => {
    fc.assert(
      fc.property(dockerfileLike, content => {
        expect(view(once, content)).toEqual(view(plain, content));
      }),
      { numRuns: 3000 },
    );
  });
});
