import * as crypto from 'node:crypto';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { LintMemo } from '@nospof/core';
import { writeFileAtomic } from './fs/atomic-write.js';
import { readSmallFile, TextReadError } from './fs/read-text.js';

/** Where the cache lives unless told otherwise: beside the dependencies, never among scanned files. */
export const DEFAULT_CACHE_LOCATION = 'node_modules/.cache/nospof/cache.json';

/** The first word of a cache file; a file that does not start with it (an older format) is not read. */
const MAGIC = 'nospof-cache/3';
const MAX_CACHE_BYTES = 400 * 1024 * 1024;
/** Entries kept beyond those a run used: enough for the whole-repository run a named-file run sits between. */
const MIN_KEPT_ENTRIES = 30_000;
/** Keys are a kind and a SHA-256 digest: nothing from a scanned file's name reaches the file's layout. */
const KEY = /^[a-z]+:[0-9a-f]{64}$/;

/** One entry: the run that last used it, its JSON text as read (bytes of the file), its value once parsed or set. */
interface Entry {
  run: number;
  raw: Buffer | undefined;
  value: unknown;
  parsed: boolean;
}

/**
 * The incremental cache on disk: the engine's memo (per-file facts, per-unit units, per file-and-unit
 * findings, each under a content digest) in one file, one entry per line. The file is signed with a key
 * that never sits in a repository and read back only when the signature holds, so a cache committed by a
 * pull request (findings emptied, keys intact) is a miss, never a pass. Entries are parsed when first
 * asked for, so a run that needs a few of them (one file named) does not pay for all. The file is written
 * to a temporary file and renamed, so a crash mid-write leaves the previous cache; one that cannot be read
 * is ignored with a warning and rebuilt.
 */
export class FileCache implements LintMemo {
  private readonly used = new Set<string>();
  private changed = false;

  private constructor(
    private readonly path: string,
    private readonly secret: Buffer,
    private readonly version: string,
    private readonly entries: Map<string, Entry>,
    private readonly run: number,
  ) {}

  /** Opens the cache at `path` for nospof `version`; `warning` says why an existing file was not used. */
  static open(path: string, secret: Buffer, version: string): { readonly cache: FileCache; readonly warning?: string } {
    const empty = () => new FileCache(path, secret, version, new Map(), 1);
    let bytes: Buffer;
    try {
      // Bytes, not text: the file is signed as bytes, entries are decoded only when asked for, and a save
      // copies the entries it keeps unchanged as they were read.
      bytes = readSmallFile(path, MAX_CACHE_BYTES);
    } catch (error) {
      if (error instanceof TextReadError && error.reason === 'no such file') return { cache: empty() };
      return { cache: empty(), warning: `the cache ${path} cannot be read (${error instanceof TextReadError ? error.reason : 'error'}); it is rebuilt` };
    }
    const read = parseCacheBytes(bytes, secret, version);
    if ('problem' in read) return { cache: empty(), ...(read.problem ? { warning: `the cache ${path} ${read.problem}; it is rebuilt` } : {}) };
    return { cache: new FileCache(path, secret, version, read.entries, read.run + 1) };
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
        entry.value = JSON.parse((entry.raw as Buffer).toString('utf8'));
      } catch {
        // A line that does not parse is a miss; the engine computes the value again and sets it.
        entry.value = undefined;
      }
    }
    return entry.value;
  }

  set(key: string, value: unknown): void {
    if (!KEY.test(key)) throw new Error(`internal: cache key ${JSON.stringify(key.slice(0, 80))} is not a kind and a digest`);
    this.entries.set(key, { run: this.run, raw: undefined, value, parsed: true });
    this.used.add(key);
    this.changed = true;
  }

  /** How many entries this run read or wrote, and how many the cache holds. */
  get stats(): { readonly used: number; readonly entries: number } {
    return { used: this.used.size, entries: this.entries.size };
  }

  /**
   * Writes the cache when this run added to it: the entries it used, then the most recently used others
   * (a run on one named file keeps the whole-repository entries), atomically. A cache that cannot be
   * written only costs speed next time.
   */
  save(): boolean {
    if (!this.changed) return false;
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
    // One buffer for the whole body: an entry read back unchanged is copied as it was read, and only what
    // this run computed is serialised.
    const meta = `${JSON.stringify({ version: this.version, run: this.run })}\n`;
    const lines: { prefix: string; raw: Buffer }[] = [];
    let size = Buffer.byteLength(meta);
    for (const [key, run, entry] of kept) {
      let raw = entry.raw !== undefined && (!entry.parsed || entry.value !== undefined) ? entry.raw : undefined;
      if (raw === undefined) {
        const json = JSON.stringify(entry.value) as string | undefined;
        if (json === undefined) continue;
        raw = Buffer.from(json, 'utf8');
      }
      const prefix = `${key} ${run} `;
      lines.push({ prefix, raw });
      // Keys and run numbers are ASCII: one byte per character.
      size += prefix.length + raw.length + 1;
    }
    const body = Buffer.allocUnsafe(size);
    let at = body.write(meta, 0, 'utf8');
    for (const { prefix, raw } of lines) {
      at += body.write(prefix, at, 'latin1');
      at += raw.copy(body, at);
      body[at++] = 0x0a;
    }
    try {
      writeFileAtomic(this.path, Buffer.concat([Buffer.from(`${MAGIC} ${macOf(this.secret, body)}\n`, 'latin1'), body]));
      return true;
    } catch {
      return false;
    }
  }
}

function parseCacheBytes(bytes: Buffer, secret: Buffer, version: string): { entries: Map<string, Entry>; run: number } | { problem: string | undefined } {
  const newline = bytes.indexOf(0x0a);
  const header = bytes.toString('latin1', 0, newline === -1 ? Math.min(bytes.length, 200) : Math.min(newline, 200));
  const match = /^nospof-cache\/3 ([0-9a-f]{64})$/.exec(header);
  if (!match || newline === -1) return { problem: 'is not a nospof cache of this version' };
  const body = bytes.subarray(newline + 1);
  // The signature is checked before anything of the body is read.
  const expected = Buffer.from(macOf(secret, body), 'hex');
  const actual = Buffer.from(match[1] as string, 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { problem: 'was not written by this machine (its signature does not match)' };
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
  const entries = new Map<string, Entry>();
  for (let start = metaEnd + 1; start < body.length; ) {
    const end = endOfLine(body, start);
    if (end > start) {
      const first = body.indexOf(0x20, start);
      const second = first === -1 || first >= end ? -1 : body.indexOf(0x20, first + 1);
      if (second === -1 || second >= end) return { problem: 'is corrupt' };
      const key = body.toString('latin1', start, first);
      const used = Number(body.toString('latin1', first + 1, second));
      if (!looksLikeKey(key) || !Number.isInteger(used)) return { problem: 'is corrupt' };
      entries.set(key, { run: used, raw: body.subarray(second + 1, end), value: undefined, parsed: false });
    }
    start = end + 1;
  }
  return { entries, run };
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

/** Where the line starting at `start` ends (its newline, or the end of the bytes). */
function endOfLine(bytes: Buffer, start: number): number {
  const end = bytes.indexOf(0x0a, start);
  return end === -1 ? bytes.length : end;
}

function macOf(secret: Buffer, body: Uint8Array): string {
  return createHmac('sha256', secret).update(MAGIC).update('\u0000').update(body).digest('hex');
}

/**
 * The key cache entries are signed with. A cache file can be committed by whoever writes a pull request;
 * only entries this machine (or a CI that shares `NOSPOF_CACHE_SECRET`) wrote carry a valid signature,
 * so a forged cache is a miss, never a pass.
 */
export function cacheSecret(env: Readonly<Record<string, string | undefined>>): Buffer | undefined {
  const fromEnv = env.NOSPOF_CACHE_SECRET;
  if (fromEnv && fromEnv.length >= 16) return Buffer.from(fromEnv, 'utf8');
  const dir = join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'nospof');
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
