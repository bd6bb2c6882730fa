import { statSync, type Stats } from 'node:fs';
import type { SourceText } from '@nospof/core';
import type { FileCache } from '../cache.js';
import { NospofUsageError } from '../errors.js';
import { readSourceFile, type ReadOutcome } from './read-file.js';

/**
 * A file's text from the disk, or, when the cache saw this very file before (same inode, size, change and
 * modification times), a source whose text is read only if the run needs it: unchanged files of a warm run
 * are then never opened. As git does with its index, a file modified within two seconds of being cached
 * is read again, so an edit within the clock's granularity is never mistaken for no edit.
 */
export type CachedRead = { readonly ok: true; readonly source: SourceText; readonly bytes: number } | Extract<ReadOutcome, { ok: false }>;

interface StatEntry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
  readonly at: number;
  readonly digest: string;
}

const RACY_MS = 2000;

export function readCached(absolute: string, path: string, maxBytes: number, cache: FileCache | undefined): CachedRead {
  if (!cache) {
    const read = readSourceFile(absolute, maxBytes);
    return read.ok ? { ok: true, source: { path, text: read.text }, bytes: read.text.length } : read;
  }
  const key = `stat:${cache.hash(absolute)}`;
  const stats = statOrUndefined(absolute);
  const known = cache.get(key);
  if (stats && isStatEntry(known) && sameFile(known, stats) && stats.size <= maxBytes && known.mtimeMs < known.at - RACY_MS && known.ctimeMs < known.at - RACY_MS) {
    return { ok: true, source: lazySource(absolute, path, maxBytes, known.digest, cache), bytes: stats.size };
  }
  const read = readSourceFile(absolute, maxBytes);
  if (!read.ok) return read;
  const digest = cache.hash(read.text);
  if (stats) cache.set(key, { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino, at: Date.now(), digest } satisfies StatEntry);
  return { ok: true, source: { path, text: read.text, digest }, bytes: read.text.length };
}

/** A source that reads its text on first use and checks it is still the text the cache knew. */
function lazySource(absolute: string, path: string, maxBytes: number, digest: string, cache: FileCache): SourceText {
  let text: string | undefined;
  return {
    path,
    digest,
    get text(): string {
      if (text === undefined) {
        const read = readSourceFile(absolute, maxBytes);
        if (!read.ok || cache.hash(read.text) !== digest) throw new NospofUsageError(`${path} changed while nospof was linting it; run nospof again`);
        text = read.text;
      }
      return text;
    },
  };
}

function sameFile(known: StatEntry, stats: Stats): boolean {
  return known.size === stats.size && known.mtimeMs === stats.mtimeMs && known.ctimeMs === stats.ctimeMs && known.ino === stats.ino;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}

function isStatEntry(value: unknown): value is StatEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.size === 'number' &&
    typeof v.mtimeMs === 'number' &&
    typeof v.ctimeMs === 'number' &&
    typeof v.ino === 'number' &&
    typeof v.at === 'number' &&
    typeof v.digest === 'string' &&
    /^[0-9a-f]{64}$/.test(v.digest)
  );
}
