import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { spec } from '../schema/openapi';

const SPEC_ID = 'image-factory-openapi';

interface Answer {
  status: number;
  body: unknown;
}

let ajv: Ajv2020 | undefined;

// Compiled once: the whole spec is one schema document, so `$ref`s into
// `#/components/schemas` resolve as they do for any other reader of the spec.
function validator(): Ajv2020 {
  if (!ajv) {
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...structuredClone(spec), $id: SPEC_ID });
  }
  return ajv;
}

/**
 * Test support: throws unless `answer` is one the spec describes for this
 * request: a documented status of the operation, with a body its schema
 * accepts. The router tests pass every answer through this, so a route that
 * answers what its spec does not say fails its test.
 */
export function checkAgainstSpec(
  method: string,
  url: string,
  answer: Answer,
): void {
  const path = new URL(url, 'http://localhost').pathname;
  const found = findOperation(method.toLowerCase(), path);
  if (!found) {
    throw new Error(`The spec has no operation ${method} ${path}`);
  }
  const { pointer, operation } = found;
  const status = String(answer.status);
  if (!operation.responses?.[status]) {
    throw new Error(
      `${method} ${path} answered ${status}, which the spec does not describe for ${operation.operationId}`,
    );
  }
  const response = resolveResponse(
    operation.responses[status],
    pointer,
    status,
  );
  if (!response.schemaRef) {
    return;
  }
  const validate = validator().getSchema(response.schemaRef);
  if (!validate) {
    throw new Error(`No schema at ${response.schemaRef}`);
  }
  if (!validate(answer.body)) {
    throw new Error(
      `${method} ${path} answered ${status} with a body the spec does not describe: ${validator().errorsText(
        validate.errors,
      )}\n${JSON.stringify(answer.body, null, 2).slice(0, 2000)}`,
    );
  }
}

interface OperationLike {
  operationId: string;
  responses?: Record<string, unknown>;
}

function findOperation(
  method: string,
  path: string,
): { pointer: string; operation: OperationLike } | undefined {
  for (const [template, item] of Object.entries(spec.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const operation = (item as Record<string, OperationLike | undefined>)[
      method
    ];
    if (pattern.test(path) && operation) {
      return {
        pointer: `#/paths/${escapePointer(template)}/${method}`,
        operation,
      };
    }
  }
  return undefined;
}

// A response is given in place or as a `$ref` to `#/components/responses`;
// its JSON body schema is addressed by a JSON pointer into the spec document.
function resolveResponse(
  response: unknown,
  operationPointer: string,
  status: string,
): { schemaRef?: string } {
  const ref = (response as { $ref?: string }).$ref;
  const pointer = ref ?? `${operationPointer}/responses/${status}`;
  const resolved = ref
    ? (spec.components.responses as Record<string, unknown>)[
        ref.split('/').pop()!
      ]
    : response;
  const content = (resolved as { content?: Record<string, unknown> }).content;
  if (!content?.['application/json']) {
    return {};
  }
  return {
    schemaRef: `${SPEC_ID}${pointer}/content/${escapePointer(
      'application/json',
    )}/schema`,
  };
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
