/** `registry/repository@digest`: how evidence of one digest is looked up, whatever its tag. */
export const digestKey = (r: {
  registry: string;
  repository: string;
  digest: string;
}) => `${r.registry}/${r.repository}@${r.digest}`;
