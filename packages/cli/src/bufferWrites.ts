/** A writer that gathers text and passes it on in chunks. */
export interface BufferedWriter {
  write(text: string): void;
  /** Passes on what has been gathered; call it before the end of the output. */
  flush(): void;
}

/**
 * Gathers writes into chunks of at least `chunkLength` characters (UTF-16 code
 * units; bytes for the ASCII of JSON) before calling `write`: one system call
 * per chunk rather than per line, while a long output still streams.
 */
export function bufferWrites(
  write: (text: string) => void,
  chunkLength: number,
): BufferedWriter {
  let parts: string[] = [];
  let length = 0;
  const flush = () => {
    if (parts.length === 0) {
      return;
    }
    const text = parts.join('');
    parts = [];
    length = 0;
    write(text);
  };
  return {
    write(text) {
      parts.push(text);
      length += text.length;
      if (length >= chunkLength) {
        flush();
      }
    },
    flush,
  };
}
