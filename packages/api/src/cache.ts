import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LintRun, ResolvedConfig, SourceText } from '@nospof/core';
import { writeFileAtomic } from './fs/atomic-write.js';
import { readSmallTextFile } from './fs/read-text.js';

/** Where the cache lives unless told otherwise: beside the dependencies, never among scanned files. */
export const DEFAULT_CACHE_LOCATION = 'node_modules/.cache/nospof/results.json';

const MAX_CACHE_BYTES = 256 * 1024 * 1024;

interface CacheDocument {
  readonly fingerprint: string;
  readonly run: LintRun;
  /** HMAC of fingerprint and run under a key that never sits in a repository. */
  readonly mac: string;
}

/**
 * A content-addressed cache of a whole run. Cross-file rules mean any file can change any other file's
 * findings, so the key covers every file's text, every file's effective config and the nospof version;
 * an unchanged repository then re-lints without parsing anything.
 */
export function fingerprint(
  version: string,
  files: readonly SourceText[],
  contextFiles: readonly SourceText[],
  configFor: (path: string) => ResolvedConfig,
  languageOf: (path: string) => string | undefined,
  /** What else decides the findings: the content of the policies and plugins the configurations name. */
  policies = '',
): string {
  const hash = createHash('sha256');
  hash.update(`nospof ${version}\n`);
  hash.update(`policies ${policies}\n`);
  const configs = new Map<ResolvedConfig, string>();
  for (const [kind, list] of [['file', files], ['context', contextFiles]] as const) {
    for (const file of list) {
      const config = configFor(file.path);
      let serialised = configs.get(config);
      if (serialised === undefined) {
        serialised = JSON.stringify({ rules: [...config.rules], disabled: [...config.disabled], settings: config.settings });
        configs.set(config, serialised);
      }
      hash.update(`${kind}\u0000${file.path}\u0000${languageOf(file.path) ?? ''}\u0000${serialised}\u0000${file.text.length}\u0000`);
      hash.update(file.text);
    }
  }
  return hash.digest('hex');
}

/**
 * The key cache entries are signed with. A cache file can be committed by whoever writes a pull request,
 * with its fingerprint intact and its findings emptied; only entries this machine (or a CI that shares
 * `NOSPOF_CACHE_SECRET`) wrote carry a valid signature, so a forged cache is a miss, never a pass.
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

function macOf(secret: Buffer, key: string, run: string): string {
  return createHmac('sha256', secret).update(key).update('\u0000').update(run).digest('hex');
}

export type CacheRead = { readonly run: LintRun } | { readonly miss: string };

/** The cached run for `key`; a missing, corrupt, foreign or forged cache is a miss with its reason. */
export function readCache(path: string, key: string, secret: Buffer): CacheRead {
  let doc: unknown;
  try {
    doc = JSON.parse(readSmallTextFile(path, MAX_CACHE_BYTES));
  } catch {
    return { miss: 'no readable cache' };
  }
  if (!isCacheDocument(doc)) return { miss: 'the cache file is not a nospof cache' };
  if (doc.fingerprint !== key) return { miss: 'files or configuration changed' };
  const expected = Buffer.from(macOf(secret, key, JSON.stringify(doc.run)), 'hex');
  const actual = Buffer.from(doc.mac, 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { miss: 'the cache was not written by this machine' };
  return { run: doc.run };
}

export function writeCache(path: string, key: string, run: LintRun, secret: Buffer): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const serialised = JSON.stringify(run);
    writeFileAtomic(path, JSON.stringify({ fingerprint: key, run, mac: macOf(secret, key, serialised) } satisfies CacheDocument));
  } catch {
    // A cache that cannot be written only costs speed on the next run.
  }
}

function isCacheDocument(value: unknown): value is CacheDocument {
  if (typeof value !== 'object' || value === null) return false;
  const doc = value as Record<string, unknown>;
  if (typeof doc.fingerprint !== 'string' || typeof doc.mac !== 'string' || !/^[0-9a-f]{64}$/.test(doc.mac)) return false;
  const run = doc.run as Record<string, unknown> | null;
  if (typeof run !== 'object' || run === null || !Array.isArray(run.results) || !Array.isArray(run.skipped)) return false;
  return run.results.every((r: unknown) => {
    const result = r as Record<string, unknown> | null;
    return typeof result === 'object' && result !== null && typeof result.file === 'string' && Array.isArray(result.findings) && result.findings.every(isFinding);
  });
}

function isFinding(value: unknown): boolean {
  const f = value as Record<string, unknown> | null;
  if (typeof f !== 'object' || f === null) return false;
  const range = f.range as { start?: { line?: unknown }; end?: { line?: unknown } } | undefined;
  return (
    typeof f.ruleId === 'string' &&
    (f.severity === 'error' || f.severity === 'warning' || f.severity === 'info') &&
    typeof f.message === 'string' &&
    typeof f.file === 'string' &&
    typeof range?.start?.line === 'number' &&
    typeof range.end?.line === 'number'
  );
}
