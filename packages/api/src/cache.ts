import * as crypto from 'node:crypto';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, closeSync, constants, fstatSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { LintMemo } from '@nospof/core';
import { userCacheDir } from './cache-location.js';
import { writeFileAtomic } from './fs/atomic-write.js';
import { readSmallFile, TextReadError } from './fs/read-text.js';

export { DEFAULT_CACHE_LOCATION } from './cache-location.js';

/** The first word of a cache file; a file that does not start with it (an older format) is not read. */
const MAGIC = 'nospof-cache/4';
const MAX_CACHE_BYTES = 400 * 1024 * 1024;
/** Segments appended after the base before a save rewrites the whole file (dropping what later ones replaced). */
const MAX_SEGMENTS = 16;
/** Appended bytes a file may carry, beyond this share of its base, before a save rewrites it. */
const MAX_APPENDED_SHARE = 0.5;
const MIN_APPENDED_BYTES = 256 * 1024;
/** Entries kept beyond those a run used: enough for the whole-repository run a named-file run sits between. */
const MIN_KEPT_ENTRIES = 30_000;
/** Keys are a kind and a SHA-256 digest: nothing from a scanned file's name reaches the file's layout. */
const KEY = /^[a-z]+:[0-9a-f]{64}$/;

/** The file a cache was read from, as far as a save may append to it instead of writing it again. */
interface ReadFile {
  readonly dev: number;
  readonly ino: number;
  /** The base segment's signature, which every appended segment is signed with. */
  readonly baseMac: string;
  readonly baseBytes: number;
  segments: number;
  appendedBytes: number;
}

/**
 * One entry: the run that last used it, where its JSON text lies in the bytes read (`bytes`, from `start`
 * to `end`: offsets rather than a view per entry, as a warm run reads tens of thousands of entries), its
 * value once parsed or set.
 */
interface Entry {
  run: number;
  bytes: Buffer | undefined;
  start: number;
  end: number;
  value: unknown;
  parsed: boolean;
}

/**
 * The incremental cache on disk: the engine's memo (per-file facts, per-unit units, per file-and-unit
 * findings, each under a content digest) in one file, one entry per line. The file is signed with a key
 * that never sits in a repository and read back only when the signature holds, so a cache committed by a
 * pull request (findings emptied, keys intact) is a miss, never a pass. Entries are parsed when first
 * asked for, so a run that needs a few of them (one file named) does not pay for all.
 *
 * A run that changed a few entries (one file edited) appends them as a signed segment rather than writing
 * the whole file again; later segments override earlier ones. Every few runs, or once appended bytes
 * outweigh half the base, a save writes the file anew (dropping what was replaced or unused) to a
 * temporary file and renames it, so a crash mid-write leaves the previous cache. A crash mid-append leaves
 * a segment cut short at the end of the file: it is left out without a warning, and the next save writes
 * the file anew. A file that cannot be read or trusted is ignored with a warning and rebuilt.
 */
export class FileCache implements LintMemo {
  private readonly used = new Set<string>();
  /** Keys this run set: what an appended segment holds. */
  private readonly added = new Set<string>();
  private changed = false;

  private constructor(
    private readonly path: string,
    private readonly secret: Buffer,
    private readonly version: string,
    private readonly entries: Map<string, Entry>,
    private readonly run: number,
    private file: ReadFile | undefined,
  ) {}

  /** Opens the cache at `path` for nospof `version`; `warning` says why an existing file was not used. */
  static open(path: string, secret: Buffer, version: string): { readonly cache: FileCache; readonly warning?: string } {
    const empty = () => new FileCache(path, secret, version, new Map(), 1, undefined);
    let bytes: Buffer;
    let before: { dev: number; ino: number } | undefined;
    try {
      before = statOrUndefined(path);
      // Bytes, not text: the file is signed as bytes, entries are decoded only when asked for, and a save
      // copies the entries it keeps unchanged as they were read.
      bytes = readSmallFile(path, MAX_CACHE_BYTES);
    } catch (error) {
      if (error instanceof TextReadError && error.reason === 'no such file') return { cache: empty() };
      return { cache: empty(), warning: `the cache ${path} cannot be read (${error instanceof TextReadError ? error.reason : 'error'}); it is rebuilt` };
    }
    const read = parseCacheBytes(bytes, secret, version);
    if ('problem' in read) return { cache: empty(), ...(read.problem ? { warning: `the cache ${path} ${read.problem}; it is rebuilt` } : {}) };
    // Appending is only for the very file that was read, whole: one replaced meanwhile, or cut short by a
    // crash, is written anew at the next save.
    const after = statOrUndefined(path);
    const same = before !== undefined && after !== undefined && before.dev === after.dev && before.ino === after.ino && after.size === bytes.length;
    const file: ReadFile | undefined = same && !read.cutShort ? { dev: after.dev, ino: after.ino, baseMac: read.baseMac, baseBytes: read.baseBytes, segments: read.segments, appendedBytes: read.appendedBytes } : undefined;
    return { cache: new FileCache(path, secret, version, read.entries, read.run + 1, file) };
  }

  hash(text: string): string {
    return sha256Hex(text);
  }

  get(key: string): unknown {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.used.add(key);
    if (!entry.parsed) {
      entry.parsed = true;
      try {
        entry.value = JSON.parse((entry.bytes as Buffer).toString('utf8', entry.start, entry.end));
      } catch {
        // A line that does not parse is a miss; the engine computes the value again and sets it.
        entry.value = undefined;
      }
    }
    return entry.value;
  }

  set(key: string, value: unknown): void {
    if (!KEY.test(key)) throw new Error(`internal: cache key ${JSON.stringify(key.slice(0, 80))} is not a kind and a digest`);
    this.entries.set(key, { run: this.run, bytes: undefined, start: 0, end: 0, value, parsed: true });
    this.used.add(key);
    this.added.add(key);
    this.changed = true;
  }

  /** How many entries this run read or wrote, and how many the cache holds. */
  get stats(): { readonly used: number; readonly entries: number } {
    return { used: this.used.size, entries: this.entries.size };
  }

  /**
   * Writes what this run added: appended as one segment when the file read is still there and small
   * appends have not piled up, else the whole cache anew (see `rewrite`). A cache that cannot be written
   * only costs speed next time.
   */
  save(): boolean {
    if (!this.changed) return false;
    if (this.file && this.append(this.file)) return true;
    return this.rewrite();
  }

  /** Appends the entries this run set as one signed segment; false when the file should be written anew. */
  private append(file: ReadFile): boolean {
    if (file.segments >= MAX_SEGMENTS) return false;
    const body = this.body([...this.added].map((key) => [key, this.run, this.entries.get(key) as Entry]));
    const header = Buffer.from(`+${segmentMacOf(this.secret, file.baseMac, body)} ${body.length}\n`, 'latin1');
    if (file.appendedBytes + header.length + body.length > Math.max(MIN_APPENDED_BYTES, MAX_APPENDED_SHARE * file.baseBytes)) return false;
    let fd: number;
    try {
      // Never through a link, and only to the file that was read (not one renamed over it since).
      fd = openSync(this.path, constants.O_WRONLY | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0));
    } catch {
      return false;
    }
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile() || stats.dev !== file.dev || stats.ino !== file.ino) return false;
      // One write: appends of two runs at once do not interleave on a local file system.
      const segment = Buffer.concat([header, body]);
      for (let at = 0; at < segment.length; ) at += writeSync(fd, segment, at, segment.length - at);
      file.segments++;
      file.appendedBytes += segment.length;
      this.added.clear();
      this.changed = false;
      return true;
    } catch {
      return false;
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Writes the whole cache anew: the entries this run used, then the most recently used others (a run on
   * one named file keeps the whole-repository entries), to a temporary file renamed over the old one.
   */
  private rewrite(): boolean {
    const kept: [string, number, Entry][] = [];
    const others: [string, number, Entry][] = [];
    for (const [key, entry] of this.entries) {
      if (this.used.has(key)) kept.push([key, this.run, entry]);
      else others.push([key, entry.run, entry]);
    }
    others.sort((a, b) => b[1] - a[1]);
    const limit = Math.max(MIN_KEPT_ENTRIES, 3 * kept.length);
    for (const entry of others) {
      if (kept.length >= limit) break;
      kept.push(entry);
    }
    const body = this.body(kept);
    try {
      writeFileAtomic(this.path, Buffer.concat([Buffer.from(`${MAGIC} ${macOf(this.secret, body)} ${body.length}\n`, 'latin1'), body]));
      // A second save of this run writes the file anew again (it is not the file read).
      this.file = undefined;
      return true;
    } catch {
      return false;
    }
  }

  /**
   * A segment's body: a line naming the version and run, then one line per entry. One buffer for it all:
   * an entry read back unchanged is copied as it was read, and only what this run computed is serialised.
   */
  private body(entries: readonly [string, number, Entry][]): Buffer {
    const meta = `${JSON.stringify({ version: this.version, run: this.run })}\n`;
    const lines: { prefix: string; raw: Buffer; start: number; end: number }[] = [];
    let size = Buffer.byteLength(meta);
    for (const [key, run, entry] of entries) {
      const prefix = `${key} ${run} `;
      let line: { prefix: string; raw: Buffer; start: number; end: number };
      if (entry.bytes !== undefined && (!entry.parsed || entry.value !== undefined)) {
        line = { prefix, raw: entry.bytes, start: entry.start, end: entry.end };
      } else {
        const json = JSON.stringify(entry.value) as string | undefined;
        if (json === undefined) continue;
        const raw = Buffer.from(json, 'utf8');
        line = { prefix, raw, start: 0, end: raw.length };
      }
      lines.push(line);
      // Keys and run numbers are ASCII: one byte per character.
      size += prefix.length + (line.end - line.start) + 1;
    }
    const body = Buffer.allocUnsafe(size);
    let at = body.write(meta, 0, 'utf8');
    for (const { prefix, raw, start, end } of lines) {
      at += body.write(prefix, at, 'latin1');
      at += raw.copy(body, at, start, end);
      body[at++] = 0x0a;
    }
    return body;
  }
}

function statOrUndefined(path: string): { dev: number; ino: number; size: number } | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

interface ReadCache {
  readonly entries: Map<string, Entry>;
  readonly run: number;
  readonly baseMac: string;
  readonly baseBytes: number;
  readonly segments: number;
  readonly appendedBytes: number;
  /** The last appended segment was cut short (a crash mid-append): it was left out. */
  readonly cutShort: boolean;
}

const BASE_HEADER = /^nospof-cache\/4 ([0-9a-f]{64}) (\d{1,10})$/;
const SEGMENT_HEADER = /^\+([0-9a-f]{64}) (\d{1,10})$/;

/**
 * Reads a cache file: its base segment, then every appended one, each checked against its signature
 * before anything of it is read. `problem` is undefined for a cache of another nospof version (dropped
 * without a warning).
 */
function parseCacheBytes(bytes: Buffer, secret: Buffer, version: string): ReadCache | { problem: string | undefined } {
  const newline = bytes.indexOf(0x0a);
  const header = bytes.toString('latin1', 0, newline === -1 ? Math.min(bytes.length, 200) : Math.min(newline, 200));
  const match = BASE_HEADER.exec(header);
  if (!match || newline === -1) return { problem: 'is not a nospof cache of this version' };
  const baseEnd = newline + 1 + Number(match[2]);
  // The base is written whole and renamed into place: a short one is damage, not a crash.
  if (baseEnd > bytes.length) return { problem: 'is corrupt' };
  const base = bytes.subarray(newline + 1, baseEnd);
  const baseMac = match[1] as string;
  if (!sameMac(macOf(secret, base), baseMac)) return { problem: 'was not written by this machine (its signature does not match)' };
  const entries = new Map<string, Entry>();
  const first = readSegment(base, version, entries);
  if (typeof first === 'object') return first;
  let run = first;
  let segments = 0;
  let at = baseEnd;
  while (at < bytes.length) {
    if (bytes[at] !== 0x2b) return { problem: 'is corrupt' };
    const end = bytes.indexOf(0x0a, at);
    const segment = end === -1 ? null : SEGMENT_HEADER.exec(bytes.toString('latin1', at, Math.min(end, at + 100)));
    const bodyEnd = segment ? end + 1 + Number(segment[2]) : Infinity;
    // A segment cut short at the very end of the file is a crash mid-append: the segments before it stand.
    if (bodyEnd > bytes.length) {
      if (end !== -1 && !segment) return { problem: 'is corrupt' };
      return { entries, run, baseMac, baseBytes: base.length, segments, appendedBytes: at - baseEnd, cutShort: true };
    }
    const body = bytes.subarray(end + 1, bodyEnd);
    if (!sameMac(segmentMacOf(secret, baseMac, body), (segment as RegExpExecArray)[1] as string)) return { problem: 'was not written by this machine (its signature does not match)' };
    const segmentRun = readSegment(body, version, entries);
    if (typeof segmentRun === 'object') return segmentRun.problem === undefined ? { problem: 'is corrupt' } : segmentRun;
    run = Math.max(run, segmentRun);
    segments++;
    at = bodyEnd;
  }
  return { entries, run, baseMac, baseBytes: base.length, segments, appendedBytes: at - baseEnd, cutShort: false };
}

/** Reads one signed segment's entries into `entries` (later ones override); its run, or why it cannot be used. */
function readSegment(body: Buffer, version: string, entries: Map<string, Entry>): number | { problem: string | undefined } {
  const metaEnd = endOfLine(body, 0);
  let meta: unknown;
  try {
    meta = JSON.parse(body.toString('utf8', 0, metaEnd));
  } catch {
    return { problem: 'is corrupt' };
  }
  if (typeof meta !== 'object' || meta === null) return { problem: 'is corrupt' };
  const { version: written, run } = meta as Record<string, unknown>;
  // Another nospof version judges differently: its entries are dropped without a warning.
  if (written !== version) return { problem: undefined };
  if (typeof run !== 'number' || !Number.isInteger(run) || run < 0) return { problem: 'is corrupt' };
  for (let start = metaEnd + 1; start < body.length; ) {
    const end = endOfLine(body, start);
    if (end > start) {
      const first = body.indexOf(0x20, start);
      const second = first === -1 || first >= end ? -1 : body.indexOf(0x20, first + 1);
      if (second === -1 || second >= end) return { problem: 'is corrupt' };
      const key = body.toString('latin1', start, first);
      const used = digitsAt(body, first + 1, second);
      if (!looksLikeKey(key) || used < 0) return { problem: 'is corrupt' };
      entries.set(key, { run: used, bytes: body, start: second + 1, end, value: undefined, parsed: false });
    }
    start = end + 1;
  }
  return run;
}

function sameMac(expectedHex: string, actualHex: string): boolean {
  const expected = Buffer.from(expectedHex, 'hex');
  const actual = Buffer.from(actualHex, 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * SHA-256 of a text in hex. A warm run hashes tens of thousands of keys: the one-shot `crypto.hash`
 * (Node 20.12 and later) costs half of a `createHash` object per key.
 */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
export const sha256Hex: (text: string) => string = oneShot
  ? (text) => oneShot('sha256', text, 'hex')
  : (text) => createHash('sha256').update(text).digest('hex');

/**
 * A key as `set` writes them (`kind:` and 64 hex digits). The body is signed, so this only guards
 * against a writer's own bug; a regular expression per line cost more than the rest of the split.
 */
function looksLikeKey(key: string): boolean {
  const colon = key.length - 65;
  return colon > 0 && key.charCodeAt(colon) === 0x3a;
}

/** The whole number written in ASCII digits in `bytes` from `start` to `end`, or -1 when it is not one. */
function digitsAt(bytes: Buffer, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = (bytes[i] as number) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Where the line starting at `start` ends (its newline, or the end of the bytes). */
function endOfLine(bytes: Buffer, start: number): number {
  const end = bytes.indexOf(0x0a, start);
  return end === -1 ? bytes.length : end;
}

function macOf(secret: Buffer, body: Uint8Array): string {
  return createHmac('sha256', secret).update(MAGIC).update('\u0000').update(body).digest('hex');
}

/**
 * An appended segment is signed with the base it extends: it cannot be moved onto another cache. Segments
 * of one base are independent of each other, so two runs appending at once both stay readable.
 */
function segmentMacOf(secret: Buffer, baseMac: string, body: Uint8Array): string {
  return createHmac('sha256', secret).update(MAGIC).update('\u0000segment\u0000').update(baseMac).update('\u0000').update(body).digest('hex');
}

/**
 * The key cache entries are signed with. A cache file can be committed by whoever writes a pull request;
 * only entries this machine (or a CI that shares `NOSPOF_CACHE_SECRET`) wrote carry a valid signature,
 * so a forged cache is a miss, never a pass.
 */
export function cacheSecret(env: Readonly<Record<string, string | undefined>>): Buffer | undefined {
  const fromEnv = env.NOSPOF_CACHE_SECRET;
  if (fromEnv && fromEnv.length >= 16) return Buffer.from(fromEnv, 'utf8');
  const dir = userCacheDir(env);
  const path = join(dir, 'cache-key');
  try {
    const existing = readFileSync(path);
    if (existing.length >= 32) return existing;
  } catch {
    // No key yet: make one below.
  }
  try {
    const key = randomBytes(32);
    writeFileAtomic(path, key.toString('hex'));
    chmodSync(path, 0o600);
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
