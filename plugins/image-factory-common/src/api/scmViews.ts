/**
 * How a source host's web pages address a repository's contents at a
 * branch: `<repository>/<folder or file>/<branch>/<path>`, per SCM
 * integration type. Only the hosts the Image Factory links into are here;
 * other hosts get no links.
 *
 * @public
 */
export const SCM_VIEWS: Readonly<
  Record<string, { folder: string; file: string }>
> = {
  github: { folder: 'tree', file: 'blob' },
  gitlab: { folder: '-/tree', file: '-/blob' },
};
