import { DockerfileParser, Instruction } from 'dockerfile-ast';
import './computeArgumentsOnce';

type WithRawArguments = { getRawArguments(): unknown[] };

describe('computeArgumentsOnce', () => {
  it('hands out a copy each time, so a caller shifting items off it changes nothing', () => {
    const [copy] = DockerfileParser.parse(
      'COPY --from=build --chown=app /out /app\n',
    ).getInstructions() as unknown as WithRawArguments[];
    const first = copy.getRawArguments();
    first.shift();
    first.shift();
    expect(copy.getRawArguments()).toHaveLength(4);
    expect(
      (copy as unknown as { getFlags(): { getName(): string }[] })
        .getFlags()
        .map(flag => flag.getName()),
    ).toEqual(['from', 'chown']);
  });

  it('keeps each instruction to its own arguments', () => {
    const instructions = DockerfileParser.parse(
      'FROM node:22 AS build\nFROM nginx:1.27\n',
    ).getInstructions();
    expect(
      instructions.map(i => i.getArguments().map(a => a.getValue())),
    ).toEqual([['node:22', 'AS', 'build'], ['nginx:1.27']]);
  });

  it('installs once on each copy of the parser, however many times the module is loaded', () => {
    const raw = (Instruction.prototype as unknown as WithRawArguments)
      .getRawArguments;
    let fresh: WithRawArguments | undefined;
    jest.isolateModules(() => {
      // A second copy of both modules, as an app with two copies would have.
      fresh = require('dockerfile-ast').Instruction.prototype;
      require('./computeArgumentsOnce');
      require('./computeArgumentsOnce');
    });
    expect(
      (Instruction.prototype as unknown as WithRawArguments).getRawArguments,
    ).toBe(raw);
    expect(raw.name).toBe('getRawArguments');
    expect(fresh!.getRawArguments).not.toBe(raw);
    expect(fresh!.getRawArguments.toString()).toBe(raw.toString());
  });
});
