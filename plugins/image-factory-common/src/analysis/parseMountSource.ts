// Splits a --mount value into its comma-separated fields; a double-quoted field
// may contain commas, as in the CSV that BuildKit reads.
function splitFields(value: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of value) {
    if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      fields.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  fields.push(current);
  return fields;
}

// Only bind and cache mounts read from an image or stage.
const MOUNT_TYPES_WITH_SOURCE = new Set(['bind', 'cache']);

/**
 * Returns the `from=` of a `RUN --mount` value (such as
 * `type=cache,from=ghcr.io/x/cache,target=/c`), or null when the mount has none
 * or its type cannot have one. The default type is `bind`.
 */
export function parseMountSource(value: string): string | null {
  let type = 'bind';
  let from: string | null = null;
  for (const field of splitFields(value)) {
    const equals = field.indexOf('=');
    const key = (equals === -1 ? field : field.slice(0, equals))
      .trim()
      .toLowerCase();
    const fieldValue = equals === -1 ? '' : field.slice(equals + 1).trim();
    if (key === 'type') {
      type = fieldValue.toLowerCase();
    } else if (key === 'from') {
      from = fieldValue;
    }
  }
  return from !== null && from !== '' && MOUNT_TYPES_WITH_SOURCE.has(type)
    ? from
    : null;
}
