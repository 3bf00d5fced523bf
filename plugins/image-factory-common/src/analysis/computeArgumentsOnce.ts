import { Instruction, PropertyInstruction } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser';

// dockerfile-ast works an instruction's arguments out afresh on every call,
// and parsing an instruction, then reading its properties and flags, asks for
// them many times: most of the parse time of a Dockerfile. A parsed document
// never changes, so each instruction computes its arguments (and an ARG or ENV
// its property arguments, which an ARG reads in its constructor and again for
// its properties) once. A copy is handed out because dockerfile-ast's flag
// parsing shifts items off the list.
//
// The parser also builds every instruction with arguments twice, one call
// right after the other with the same text and positions: once to look for
// heredocs, which it then drops, and once to keep. The second call gets the
// first instance instead of building the same one again; looking for heredocs
// only reads the instance, filling the caches it would fill later anyway.
//
// This is the project's own code, run when the analysis is loaded, rather
// than a patch of the installed dependency, so an app that installs the
// package parses as fast as this repository (`yarn bench analysis`). Where a
// version of dockerfile-ast lacks a method as wrapped here, that method is left
// alone: the parse is then slower, never different.
// `computeArgumentsOnce.shared.test.ts` compares what is read of a parse with
// and without this on generated Dockerfiles.

type Method = 'getRawArguments' | 'getPropertyArguments';

function computeOnce(prototype: object, method: Method): void {
  const compute = (prototype as Partial<Record<Method, unknown>>)[method];
  if (typeof compute !== 'function' || compute.length !== 0) {
    return;
  }
  // An own property of the instruction is read as fast as the computation it
  // replaces is slow.
  const own = `imageFactory:${method}`;
  Object.defineProperty(prototype, method, {
    configurable: true,
    writable: true,
    enumerable: false,
    // Named as the method it replaces.
    value: {
      [method](this: Record<string, unknown[] | undefined>) {
        const list = (this[own] ??= compute.call(this) as unknown[]);
        return list.slice();
      },
    }[method],
  });
}

// The arguments of the parser's (private) `createInstruction`: the text of the
// keyword and where the instruction, its keyword and its line end.
type CreateInstruction = (
  this: Record<string, Built | undefined>,
  dockerfile: object,
  instruction: string,
  start: number,
  instructionEnd: number,
  end: number,
) => Instruction;

interface Built {
  dockerfile: object;
  instruction: string;
  start: number;
  instructionEnd: number;
  end: number;
  built: Instruction;
}

function buildOnce(prototype: object): void {
  const create = (prototype as { createInstruction?: unknown })
    .createInstruction;
  if (typeof create !== 'function' || create.length !== 5) {
    return;
  }
  // The last instance built by this parser, kept on the parser (one per parse)
  // until the next call.
  const last = 'imageFactory:lastInstruction';
  const createInstruction: CreateInstruction = function createInstruction(
    dockerfile,
    instruction,
    start,
    instructionEnd,
    end,
  ) {
    const previous = this[last];
    if (
      previous !== undefined &&
      previous.start === start &&
      previous.end === end &&
      previous.instructionEnd === instructionEnd &&
      previous.instruction === instruction &&
      previous.dockerfile === dockerfile
    ) {
      this[last] = undefined;
      return previous.built;
    }
    const built = (create as CreateInstruction).call(
      this,
      dockerfile,
      instruction,
      start,
      instructionEnd,
      end,
    );
    this[last] = { dockerfile, instruction, start, instructionEnd, end, built };
    return built;
  };
  Object.defineProperty(prototype, 'createInstruction', {
    configurable: true,
    writable: true,
    enumerable: false,
    value: createInstruction,
  });
}

// Installed once on each copy of dockerfile-ast a process loads, however many
// copies of this module load with it.
const INSTALLED = Symbol.for('image-factory.dockerfile-ast.argumentsOnce');
const registry = globalThis as unknown as Record<symbol, WeakSet<object>>;
registry[INSTALLED] ??= new WeakSet();

if (!registry[INSTALLED].has(Instruction.prototype)) {
  computeOnce(Instruction.prototype, 'getRawArguments');
  computeOnce(PropertyInstruction.prototype, 'getPropertyArguments');
  buildOnce(Parser.prototype);
  registry[INSTALLED].add(Instruction.prototype);
}
