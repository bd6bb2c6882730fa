import { gunzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { readTar, TarError, type TarEntry } from './tar.js';

/** What `opa build -t wasm` produces, read into memory. */
export interface PolicyBundle {
  /** The bundle as the configuration names it (for messages). */
  readonly source: string;
  /** Compiled policies, by path inside the bundle (`policy.wasm`). */
  readonly modules: readonly { readonly path: string; readonly bytes: Uint8Array }[];
  /** Every `data.json` / `data.yaml` merged at the directory it sits in, as OPA does. */
  readonly data: Record<string, unknown>;
  readonly manifest?: BundleManifest;
}

export interface BundleManifest {
  readonly revision?: string;
  readonly roots?: readonly string[];
  readonly wasm?: readonly { readonly entrypoint: string; readonly module: string }[];
}

export interface BundleLimits {
  /** Bytes of the archive as stored. */
  readonly maxArchiveBytes: number;
  /** Bytes after decompression: what bounds a decompression bomb. */
  readonly maxInflatedBytes: number;
  readonly maxEntries: number;
  readonly maxEntryBytes: number;
}

export const defaultBundleLimits: BundleLimits = {
  maxArchiveBytes: 64 * 1024 * 1024,
  maxInflatedBytes: 256 * 1024 * 1024,
  maxEntries: 10_000,
  maxEntryBytes: 128 * 1024 * 1024,
};

export class BundleError extends Error {}

/** Reads a gzipped (or plain) tar bundle. Throws `BundleError` with a sentence a user can act on. */
export function readBundle(archive: Uint8Array, source: string, limits: BundleLimits = defaultBundleLimits): PolicyBundle {
  if (archive.length > limits.maxArchiveBytes) throw new BundleError(`the bundle is ${archive.length} bytes, over the limit of ${limits.maxArchiveBytes}`);
  const tar = isGzip(archive) ? inflate(archive, limits.maxInflatedBytes) : archive;
  let entries: TarEntry[];
  try {
    entries = readTar(tar, limits);
  } catch (error) {
    if (error instanceof TarError) throw new BundleError(`not a readable bundle: ${error.message}`);
    throw error;
  }
  const manifestEntry = entries.find((e) => e.path === '.manifest');
  const manifest = manifestEntry ? readManifest(manifestEntry.bytes) : undefined;
  const wanted = new Set(manifest?.wasm?.map((w) => stripSlash(w.module)) ?? []);
  const modules = entries
    .filter((e) => (wanted.size > 0 ? wanted.has(e.path) : e.path === 'policy.wasm' || e.path.endsWith('/policy.wasm')))
    .map((e) => ({ path: e.path, bytes: new Uint8Array(e.bytes) }));
  for (const path of wanted) {
    if (!modules.some((m) => m.path === path)) throw new BundleError(`the manifest names the module "/${path}", which the bundle does not contain`);
  }
  if (modules.length === 0) {
    const rego = entries.some((e) => e.path.endsWith('.rego'));
    throw new BundleError(
      rego
        ? 'the bundle holds Rego sources but no policy.wasm: build it with `opa build -t wasm -e nospof/deny ...`'
        : 'the bundle holds no policy.wasm: build it with `opa build -t wasm -e nospof/deny ...`',
    );
  }
  const data: Record<string, unknown> = {};
  for (const entry of entries) {
    const name = entry.path.split('/').pop() as string;
    if (name !== 'data.json' && name !== 'data.yaml' && name !== 'data.yml') continue;
    const value = parseData(entry.path, entry.bytes);
    mergeAt(data, entry.path.split('/').slice(0, -1), value, entry.path);
  }
  return { source, modules, data, ...(manifest ? { manifest } : {}) };
}

/** A bare `.wasm` with, optionally, the text of a `data.json` beside it. */
export function bareModuleBundle(wasm: Uint8Array, source: string, dataJson?: string): PolicyBundle {
  const data = dataJson === undefined ? {} : parseData('data.json', new TextEncoder().encode(dataJson));
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new BundleError('data.json must hold a JSON object');
  return { source, modules: [{ path: source.split('/').pop() ?? 'policy.wasm', bytes: wasm }], data: data as Record<string, unknown> };
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function inflate(archive: Uint8Array, maxInflatedBytes: number): Uint8Array {
  try {
    return gunzipSync(archive, { maxOutputLength: maxInflatedBytes });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new BundleError(`the bundle inflates to more than ${maxInflatedBytes} bytes; refusing it (a decompression bomb, or raise the limit)`);
    }
    throw new BundleError(`the bundle is not valid gzip: ${(error as Error).message}`);
  }
}

function readManifest(bytes: Uint8Array): BundleManifest {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new BundleError(`/.manifest is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BundleError('/.manifest must hold a JSON object');
  const wasm = (value as { wasm?: unknown }).wasm;
  if (wasm !== undefined) {
    const ok = Array.isArray(wasm) && wasm.every((w) => typeof w === 'object' && w !== null && typeof w.entrypoint === 'string' && typeof w.module === 'string');
    if (!ok) throw new BundleError('/.manifest: "wasm" must list { entrypoint, module } objects');
  }
  return value as BundleManifest;
}

function parseData(path: string, bytes: Uint8Array): unknown {
  const text = new TextDecoder().decode(bytes);
  try {
    return path.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new BundleError(`/${path} does not parse: ${(error as Error).message}`);
  }
}

/** Puts `value` at `dirs` inside `data`, merging objects; two files that set the same key conflict. */
function mergeAt(data: Record<string, unknown>, dirs: readonly string[], value: unknown, path: string): void {
  let target = data;
  for (const dir of dirs) {
    const next = target[dir];
    if (next === undefined) target[dir] = {};
    else if (typeof next !== 'object' || next === null || Array.isArray(next)) throw new BundleError(`/${path} conflicts with data already at ${dirs.join('.')}`);
    target = target[dir] as Record<string, unknown>;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    if (dirs.length === 0) throw new BundleError(`/${path} must hold an object`);
    if (Object.keys(target).length > 0) throw new BundleError(`/${path} conflicts with data already at ${dirs.join('.')}`);
    const parent = dirs.slice(0, -1).reduce<Record<string, unknown>>((o, d) => o[d] as Record<string, unknown>, data);
    parent[dirs[dirs.length - 1] as string] = value;
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key in target) throw new BundleError(`/${path} sets "${[...dirs, key].join('.')}", which another data file sets too`);
    target[key] = item;
  }
}

function stripSlash(path: string): string {
  return path.replace(/^\/+/, '');
}
