/**
 * A small, bounded reader of (ustar, GNU and pax) tar archives held in memory. Bundles are a handful of
 * files, so reading the whole archive at once is simpler than streaming and lets every limit be checked
 * before anything is copied. Only regular files come out; links, devices and FIFOs are refused, since a
 * policy bundle has no use for them and they are how archive tricks usually start.
 */
export interface TarEntry {
  /** Normalised path without a leading `/` or `./`: `policy.wasm`, `data/teams/data.json`. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface TarLimits {
  readonly maxEntries: number;
  readonly maxEntryBytes: number;
}

export class TarError extends Error {}

const BLOCK = 512;
const decoder = new TextDecoder('utf-8', { fatal: false });

export function readTar(archive: Uint8Array, limits: TarLimits): TarEntry[] {
  const entries: TarEntry[] = [];
  const seen = new Set<string>();
  let offset = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  let headers = 0;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) return entries;
    headers++;
    // Metadata headers (pax, GNU long names) come in pairs with the entry they describe.
    if (headers > limits.maxEntries * 3) throw new TarError(`more than ${limits.maxEntries} entries`);
    checkChecksum(header, headers);
    const size = readSize(header, headers);
    const type = String.fromCharCode(header[156] as number);
    const dataStart = offset + BLOCK;
    const dataEnd = dataStart + size;
    if (dataEnd > archive.length) throw new TarError(`entry ${headers} is truncated (${size} bytes announced)`);
    const data = archive.subarray(dataStart, dataEnd);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'x') {
      paxPath = paxRecords(data).get('path') ?? paxPath;
      continue;
    }
    if (type === 'g' || type === 'K') continue;
    if (type === 'L') {
      longName = decoder.decode(data).replace(/\0+$/, '');
      continue;
    }
    const rawName = paxPath ?? longName ?? headerName(header);
    paxPath = undefined;
    longName = undefined;
    if (type === '5') continue;
    if (type !== '0' && type !== '\0' && type !== '7') {
      throw new TarError(`"${rawName}" is a ${entryKind(type)}, not a regular file; bundles hold only regular files`);
    }
    const path = normalise(rawName);
    if (size > limits.maxEntryBytes) throw new TarError(`"${path}" is ${size} bytes, over the limit of ${limits.maxEntryBytes}`);
    if (seen.has(path)) throw new TarError(`"${path}" appears twice`);
    seen.add(path);
    if (entries.length >= limits.maxEntries) throw new TarError(`more than ${limits.maxEntries} entries`);
    entries.push({ path, bytes: data });
  }
  if (offset < archive.length || entries.length === 0) throw new TarError('the archive ends in the middle of a header');
  return entries;
}

function headerName(header: Uint8Array): string {
  const name = cString(header.subarray(0, 100));
  const magic = cString(header.subarray(257, 263));
  const prefix = magic.startsWith('ustar') ? cString(header.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return decoder.decode(end === -1 ? bytes : bytes.subarray(0, end));
}

function readSize(header: Uint8Array, index: number): number {
  const field = header.subarray(124, 136);
  if (((field[0] as number) & 0x80) !== 0) throw new TarError(`entry ${index} is larger than any bundle can be`);
  const text = cString(field).trim();
  if (!/^[0-7]*$/.test(text)) throw new TarError(`entry ${index} has a malformed size field`);
  return text === '' ? 0 : parseInt(text, 8);
}

function checkChecksum(header: Uint8Array, index: number): void {
  const stored = cString(header.subarray(148, 156)).trim();
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] as number);
  if (!/^[0-7]+$/.test(stored) || parseInt(stored, 8) !== sum) {
    throw new TarError(index === 1 ? 'not a tar archive (the first header checksum does not match)' : `header ${index} is corrupt (checksum mismatch)`);
  }
}

/** Pax records: `<length> <key>=<value>\n`, each length counting the whole record. */
function paxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  const text = decoder.decode(data);
  let at = 0;
  while (at < text.length) {
    const space = text.indexOf(' ', at);
    const length = space === -1 ? NaN : Number(text.slice(at, space));
    if (!Number.isInteger(length) || length <= 0 || at + length > text.length) throw new TarError('malformed pax header');
    const record = text.slice(space + 1, at + length - 1);
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
}

function entryKind(type: string): string {
  switch (type) {
    case '1':
      return 'hard link';
    case '2':
      return 'symbolic link';
    case '3':
    case '4':
      return 'device';
    case '6':
      return 'FIFO';
    default:
      return `entry of type "${type}"`;
  }
}

/** Bundle paths are relative to the bundle root; anything that could name a place outside it is refused. */
export function normalise(name: string): string {
  if (name.includes('\\') || /^[A-Za-z]:/.test(name)) throw new TarError(`"${name}" is not a portable bundle path`);
  const segments = name.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new TarError(`"${name}" points outside the bundle`);
  if (segments.length === 0) throw new TarError(`an entry has an empty name`);
  return segments.join('/');
}
