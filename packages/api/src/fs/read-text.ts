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
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new TextReadError(path, 'not a regular file');
    // Read into one buffer of the size the file says it has (a 14 MB cache is copied once, not three
    // times); a file that grows while it is read, or says it is empty (procfs), goes on into a bigger
    // buffer, and the limit counts the bytes actually read.
    let buffer = Buffer.allocUnsafe(Math.min(stats.size, maxBytes) + 1);
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        const bigger = Buffer.allocUnsafe(Math.min(Math.max(2 * buffer.length, 64 * 1024), maxBytes + 1));
        buffer.copy(bigger, 0, 0, total);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, total, buffer.length - total, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new TextReadError(path, `larger than ${Math.round(maxBytes / 1024)} KB`);
    }
    return buffer.subarray(0, total);
  } finally {
    closeSync(fd);
  }
}
