/**
 * A container image reference, normalized the way Docker does it.
 *
 * @remarks
 * `registry` is a host with an optional port (`docker.io` for Docker Hub, whatever
 * alias was written); `repository` is the path inside it (`library/node` for a
 * one-segment Docker Hub name). `tag` is `latest` only when the text had neither a
 * tag nor a digest; a reference pinned by digest alone has a null `tag`.
 *
 * @public
 */
export interface ImageReference {
  registry: string;
  repository: string;
  tag: string | null;
  digest: string | null;
}

/**
 * The part of an image reference an {@link ImageReferenceError} is about.
 *
 * @public
 */
export type ImageReferencePart =
  | 'reference'
  | 'registry'
  | 'repository'
  | 'tag'
  | 'digest';
