import { closeSync, fstatSync, openSync, readSync, constants } from 'node:fs';

/** How a small text file (a configuration, a variables file) could not be read. */
export class TextReadError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'TextReadError';
  }
}

/** Configuration and variable files are small; anything bigger is not one. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads a small UTF-8 text file that the repository controls. Only regular files are read (a FIFO would
 * block, a device never ends), never more than `maxBytes` bytes, counting what is actually read rather
 * than what `stat` claims; `O_NONBLOCK` keeps a FIFO swapped in after the check from blocking the open.
 */
export function readSmallTextFile(path: string, maxBytes = MAX_CONFIG_BYTES): string {
  const text = readSmallFile(path, maxBytes).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The bytes of a small regular file, read as `readSmallTextFile` reads one. */
export function readSmallFile(path: string, maxBytes = MAX_CONFIG_BYTES): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new TextReadError(path, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot open it (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    if (!fstatSync(fd).isFile()) throw new TextReadError(path, 'not a regular file');
    const chunks: Buffer[] = [];
    let total = 0;
    const buffer = Buffer.alloc(64 * 1024);
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new TextReadError(path, `larger than ${Math.round(maxBytes / 1024)} KB`);
      chunks.push(Buffer.from(buffer.subarray(0, n)));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}
