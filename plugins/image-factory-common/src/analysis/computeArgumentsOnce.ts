import { Instruction } from 'dockerfile-ast';

// dockerfile-ast works an instruction's arguments out afresh on every call,
// and parsing an instruction, then reading its properties and flags, asks for
// them many times: most of the parse time of a Dockerfile. A parsed document
// never changes, so each instruction computes its arguments once. A copy is
// handed out because dockerfile-ast's flag parsing shifts items off the list.
//
// This is the project's own code, run when the analysis is loaded, rather
// than a patch of the installed dependency, so an app that installs the
// package parses as fast as this repository (`yarn bench analysis`).

type WithRawArguments = { getRawArguments(): unknown[] };

// The arguments live on the instruction itself: an own property is read as
// fast as the computation it replaces is slow.
const ARGUMENTS = 'imageFactoryRawArguments';
// Installed once on each copy of dockerfile-ast a process loads, however many
// copies of this module load with it.
const INSTALLED = Symbol.for('image-factory.dockerfile-ast.argumentsOnce');
const registry = globalThis as unknown as Record<symbol, WeakSet<object>>;
registry[INSTALLED] ??= new WeakSet();

if (!registry[INSTALLED].has(Instruction.prototype)) {
  const prototype = Instruction.prototype as unknown as WithRawArguments;
  const compute = prototype.getRawArguments;
  Object.defineProperty(prototype, 'getRawArguments', {
    configurable: true,
    writable: true,
    enumerable: false,
    value: function getRawArguments(
      this: WithRawArguments & { [ARGUMENTS]?: unknown[] },
    ) {
      this[ARGUMENTS] ??= compute.call(this);
      return this[ARGUMENTS].slice();
    },
  });
  registry[INSTALLED].add(prototype);
}
