/**
 * The exports of a module loaded with `import()` when a command runs, so that
 * starting the command line loads only the command that runs. The built bundle
 * turns `import()` into `require()` and gets the exports as they are; Node's
 * own `import()` of the TypeScript sources, under the repository's transform
 * (`yarn image-factory`, the tests), sees CommonJS and puts them in `default`.
 */
export async function loadLazily<T extends object>(
  loading: Promise<T>,
): Promise<T> {
  const loaded = await loading;
  return 'default' in loaded ? (loaded.default as T) : loaded;
}
