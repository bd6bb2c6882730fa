import { gzipSync } from 'node:zlib';

export interface TestEntry {
  readonly name: string;
  readonly content?: string | Uint8Array;
  /** Tar type flag: '0' file (default), '2' symlink, '5' directory, 'x' pax header... */
  readonly type?: string;
}

/** Writes a ustar archive the way `opa build` does (leading `/` in names), for tests of the reader. */
export function tar(entries: readonly TestEntry[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const entry of entries) {
    const data = typeof entry.content === 'string' ? new TextEncoder().encode(entry.content) : (entry.content ?? new Uint8Array());
    blocks.push(header(entry.name, data.length, entry.type ?? '0'));
    blocks.push(data);
    const pad = (512 - (data.length % 512)) % 512;
    blocks.push(new Uint8Array(pad));
  }
  blocks.push(new Uint8Array(1024));
  return concat(blocks);
}

export function tarGz(entries: readonly TestEntry[]): Uint8Array {
  return gzipSync(tar(entries));
}

export function header(name: string, size: number, type: string): Uint8Array {
  const h = new Uint8Array(512);
  const put = (text: string, at: number) => h.set(new TextEncoder().encode(text), at);
  let prefix = '';
  let short = name;
  if (name.length > 100) {
    const cut = name.indexOf('/', name.length - 101);
    prefix = name.slice(0, cut);
    short = name.slice(cut + 1);
  }
  put(short, 0);
  put('0000644\0', 100);
  put('0000000\0', 108);
  put('0000000\0', 116);
  put(size.toString(8).padStart(11, '0') + '\0', 124);
  put('00000000000\0', 136);
  put(type, 156);
  put('ustar\0', 257);
  put('00', 263);
  if (prefix) put(prefix, 345);
  put('        ', 148);
  const sum = h.reduce((a, b) => a + b, 0);
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
