// Names a Dockerfile ARG can declare and a shell can export.
const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses build args written as `A=1,B=2`, the format of the
 * `image-factory.io/build-args` annotation.
 *
 * @remarks
 * Pairs are separated by commas and may be surrounded by spaces; a value runs to
 * the next comma (so values cannot contain commas) and may be empty (`A=`). An
 * empty or blank text gives no build args.
 *
 * @throws TypeError with a message naming the bad pair: a pair without `=`, a name
 *   that is not a valid ARG name, or a name given twice
 * @public
 */
export function parseBuildArgs(text: string): Record<string, string> {
  // A Map, then own properties: a name such as __proto__ stays an ordinary key.
  const result = new Map<string, string>();
  if (text.trim() === '') {
    return {};
  }
  for (const rawPair of text.split(',')) {
    const pair = rawPair.trim();
    const equals = pair.indexOf('=');
    if (equals === -1) {
      throw new TypeError(
        pair === ''
          ? `build args ${JSON.stringify(
              text,
            )} contain an empty pair; write NAME=VALUE pairs separated by single commas`
          : `build arg ${JSON.stringify(pair)} has no "="; write NAME=VALUE`,
      );
    }
    const name = pair.slice(0, equals).trim();
    if (!BUILD_ARG_NAME.test(name)) {
      throw new TypeError(
        `build arg name ${JSON.stringify(
          name,
        )} is invalid; use letters, digits and "_", not starting with a digit`,
      );
    }
    if (result.has(name)) {
      throw new TypeError(`build arg ${name} is given twice`);
    }
    result.set(name, pair.slice(equals + 1).trim());
  }
  return Object.fromEntries(result);
}
