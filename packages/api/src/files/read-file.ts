import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export type ReadOutcome =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: string; readonly line?: number; readonly column?: number };

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a file as UTF-8 text, refusing what cannot be linted: anything but a regular file (a FIFO would
 * block the run, a device never ends), files over the size limit — counted on the bytes actually read,
 * since `stat` of a special file says 0 —, binary files, and bytes that are not UTF-8 (reported with the
 * position of the first bad byte).
 */
export function readSourceFile(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadOutcome {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO swapped in after discovery must not block the open.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    return { ok: false, problem: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { ok: false, problem: 'skipped: not a regular file' };
    if (stats.size > maxBytes) return tooLarge(stats.size, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    const buffer = Buffer.alloc(Math.min(Math.max(stats.size + 1, 4096), 1024 * 1024));
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return tooLarge(total, maxBytes);
      chunks.push(Buffer.from(buffer.subarray(0, n)));
    }
    return decodeSource(Buffer.concat(chunks));
  } catch (error) {
    return { ok: false, problem: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: number, maxBytes: number): ReadOutcome {
  return { ok: false, problem: `skipped: the file is ${size > maxBytes * 2 ? 'more than ' : ''}${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit (--max-file-size)` };
}

export function decodeSource(bytes: Uint8Array): ReadOutcome {
  const nul = bytes.indexOf(0);
  if (nul !== -1 && !looksLikeUtf16(bytes)) {
    return { ok: false, problem: 'skipped: the file is binary (it contains NUL bytes)', ...positionOf(bytes, nul) };
  }
  try {
    const text = decoder.decode(bytes);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    return { ok: false, problem: `the file is not valid UTF-8 (byte offset ${bad})`, ...positionOf(bytes, bad) };
  }
}

function looksLikeUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return i;
    try {
      decoder.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return bytes.length;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} B`;
}

/** Enough to see past a licence header to the code that says what a file is. */
const HEAD_BYTES = 4096;

/** The first bytes of a file as text, for languages that recognise files by content; '' when unreadable. */
export function readHead(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    if (!fstatSync(fd).isFile()) return '';
    const buffer = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, n).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
