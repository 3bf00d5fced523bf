#!/usr/bin/env node
// Generates everything the HTTP contract determines from its one source,
// plugins/image-factory-backend/src/schema/openapi.yaml:
//   - the backend's typed, validating router (the spec kept `as const`);
//   - the shared types (openapi-typescript);
//   - the client, one method per operation.
//   node scripts/generate-openapi.mjs           write the files
//   node scripts/generate-openapi.mjs --check   fail when one is stale
// The generator of `backstage-repo-tools package schema openapi generate`
// needs Java and a jar fetched at run time, so this stands in for it
// (docs/design-decisions.md, "The OpenAPI generator").
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const specFile = join(
  root,
  'plugins/image-factory-backend/src/schema/openapi.yaml',
);
const routerFile = join(
  root,
  'plugins/image-factory-backend/src/schema/openapi/generated/router.ts',
);
const typesFile = join(
  root,
  'plugins/image-factory-common/src/schema/openapi/generated/types.ts',
);
const clientFile = join(
  root,
  'plugins/image-factory-common/src/schema/openapi/generated/client.ts',
);
const indexFile = join(
  root,
  'plugins/image-factory-common/src/schema/openapi/generated/index.ts',
);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

const header = `/* eslint-disable */
// Generated from plugins/image-factory-backend/src/schema/openapi.yaml by
// \`yarn generate:openapi\`: do not edit. \`make test\` fails when it is stale.
`;

const spec = parse(readFileSync(specFile, 'utf8'));

async function main() {
  const types = await renderTypes();
  const files = {
    [routerFile]: renderRouter(),
    [typesFile]: types,
    [clientFile]: renderClient(),
    [indexFile]: renderIndex(types),
  };
  const check = process.argv.includes('--check');
  const stale = [];
  for (const [file, source] of Object.entries(files)) {
    const text = await format(file, source);
    let current;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    if (check) {
      stale.push(relative(root, file));
    } else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  if (stale.length > 0) {
    console.error(
      `Stale OpenAPI output (run \`yarn generate:openapi\`): ${stale.join(
        ', ',
      )}`,
    );
    process.exit(1);
  }
}

function renderRouter() {
  return `${header}
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

/** The HTTP contract, as the router and its validation read it. */
export const spec = ${JSON.stringify(spec, null, 2)} as const;

/** A router typed by {@link spec} that rejects requests it does not describe. */
export function createOpenApiRouter(
  options?: Parameters<typeof createValidatedOpenApiRouter>[1],
) {
  return createValidatedOpenApiRouter<typeof spec>(spec, options);
}
`;
}

async function renderTypes() {
  const ast = await openapiTS(spec, {
    enumValues: true,
    rootTypes: true,
    rootTypesNoSchemaPrefix: true,
  });
  // openapi-typescript types the `…Values` arrays with two helpers it does not
  // export, and the shared package's API report requires every type its API
  // refers to to be exported. For the string enumerations they serve, the
  // built-in `ReadonlyArray` of the schema is the same type.
  const helpers = ['FlattenedDeepRequired', 'ReadonlyArray'];
  const source = astToString(
    ast.filter(node => !helpers.includes(node.name?.text)),
  ).replaceAll(
    /FlattenedDeepRequired<components>(?=\[["']schemas["']\])/g,
    'components',
  );
  if (source.includes('FlattenedDeepRequired')) {
    throw new Error(
      'openapi-typescript used FlattenedDeepRequired beyond an enumeration schema',
    );
  }
  return `${header}\n${withReleaseTags(toTsdoc(source))}`;
}

// api-extractor reads the comments as TSDoc, which has no `@description`,
// `@enum` or `@constant`: the description becomes the comment's text, and the
// other two say what the type already says.
function toTsdoc(source) {
  return source
    .replaceAll(/^[ \t]*\/\*\* @(?:enum \{[^}]*\}|constant) \*\/\n/gm, '')
    .replaceAll(/^[ \t]*\* @(?:enum \{[^}]*\}|constant)\n/gm, '')
    .replaceAll(/^([ \t]*(?:\/\*\*|\*)) @description /gm, '$1 ');
}

// A comment with the `@public` release tag on every top-level (unindented)
// export, as the API report requires; a schema's comment is its description.
function withReleaseTags(source) {
  const schemas = spec.components.schemas;
  const valuesOf = Object.fromEntries(
    Object.keys(schemas).map(name => [
      `${name[0].toLowerCase()}${name.slice(1)}Values`,
      name,
    ]),
  );
  const summaries = {
    paths: 'The operations of the Image Factory API, by path and method.',
    operations: 'The operations of the Image Factory API, by operation id.',
    components:
      'The schemas, parameters and responses of the Image Factory API.',
    webhooks: 'The webhooks of the Image Factory API: none.',
    $defs: "The spec's `$defs`: none.",
  };
  const summaryOf = name => {
    if (summaries[name]) return summaries[name];
    if (schemas[name]) {
      return (
        schemas[name].description ??
        `The \`${name}\` schema of the Image Factory API.`
      );
    }
    if (valuesOf[name]) {
      return `Every value of {@link ${valuesOf[name]}}, in the order of the spec.`;
    }
    return 'An alias of its definition in {@link components}.';
  };
  return source.replaceAll(
    /^export (?:interface|type|const) (\$?\w+)/gm,
    (declaration, name) => {
      const text = summaryOf(name)
        .trim()
        .replaceAll('*/', '*\\/')
        .replaceAll('\n', '\n * ');
      return `/**\n * ${text}\n *\n * @public\n */\n${declaration}`;
    },
  );
}

// What the shared package exports: the schemas by name, the values of each
// enumeration, the client. Not the aliases openapi-typescript makes of
// parameters and responses, which are no names of the domain.
function renderIndex(types) {
  const schemas = Object.keys(spec.components.schemas);
  const values = [...types.matchAll(/^export const (\w+Values)\b/gm)].map(
    match => match[1],
  );
  return `${header}
export type { components, operations, paths } from './types';
export type { ${schemas.join(', ')} } from './types';
export { ${values.join(', ')} } from './types';
export * from './client';
`;
}

// One method per operation: `GET /images/{namespace}/{kind}/{name}` with
// operationId `getImage` becomes `getImage({ path: { namespace, kind, name } })`.
function renderClient() {
  const methods = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      methods.push(renderOperation(path, method, item, operation));
    }
  }
  return `${header}
import {
  ImageFactoryClientBase,
  ImageFactoryRequest,
  ImageFactoryResponse,
} from '../clientBase';

/**
 * A client of every operation of the Image Factory API, one method per
 * operation id. A failed request throws a \`ResponseError\` carrying the
 * error body.
 *
 * @public
 */
export class ImageFactoryApiClient extends ImageFactoryClientBase {
${methods.join('\n')}
}
`;
}

function renderOperation(path, method, item, operation) {
  const parameters = [
    ...(item.parameters ?? []),
    ...(operation.parameters ?? []),
  ]
    .map(resolve)
    .filter(Boolean);
  const hasPath = parameters.some(p => p.in === 'path');
  const hasQuery = parameters.some(p => p.in === 'query');
  const hasBody = Boolean(operation.requestBody);
  const url = path.replace(
    /\{([^}]+)\}/g,
    (_, name) => `\${encodeURIComponent(request.path.${name})}`,
  );
  const id = operation.operationId;
  const fields = [
    hasQuery ? 'query: request.query' : undefined,
    hasBody ? 'body: request.body' : undefined,
  ].filter(Boolean);
  const takes = hasPath || fields.length > 0;
  const argument = takes
    ? `request: ImageFactoryRequest<'${id}'>${hasPath ? '' : ' = {}'}`
    : '';
  return `
  /** \`${method.toUpperCase()} ${path}\`: ${operation.summary} */
  async ${id}(${argument}): Promise<ImageFactoryResponse<'${id}'>> {
    return this.send('${method.toUpperCase()}', \`${url}\`, { ${fields.join(
    ', ',
  )} });
  }
`;
}

function resolve(parameter) {
  if (!parameter.$ref) return parameter;
  const [, , section, name] = parameter.$ref.split('/');
  return spec.components[section][name];
}

async function format(file, source) {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(source, { ...options, filepath: file });
}

await main();
