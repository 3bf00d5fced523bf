import type { ImageReferencePart } from './types';

const QUOTED_TEXT_MAX = 120;

function quote(text: string): string {
  const shown =
    text.length > QUOTED_TEXT_MAX
      ? `${text.slice(0, QUOTED_TEXT_MAX)}… (${text.length} characters)`
      : text;
  return JSON.stringify(shown);
}

/**
 * The message of an {@link ImageReferenceError}: the reference, quoted, and what
 * is wrong with it.
 */
export function describeInvalidReference(
  reference: string,
  detail: string,
): string {
  return `invalid image reference ${quote(reference)}: ${detail}`;
}

/**
 * Thrown by {@link parseImageReference} when a text is not a valid image
 * reference. The message quotes the reference and names the bad part, e.g.
 * `invalid image reference "foo/Bar": repository "foo/Bar" must be lowercase`.
 *
 * @public
 */
export class ImageReferenceError extends Error {
  /** The text that failed to parse. */
  readonly reference: string;
  /** Which part of the reference is wrong. */
  readonly part: ImageReferencePart;

  constructor(reference: string, part: ImageReferencePart, detail: string) {
    super(describeInvalidReference(reference, detail));
    this.name = 'ImageReferenceError';
    this.reference = reference;
    this.part = part;
  }
}

/** Quotes a part of a reference for an error message, shortening huge input. */
export function quotePart(text: string): string {
  return quote(text);
}
