import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileCache } from './cache.js';

const secret = Buffer.from('cache-test-secret-000000');
const key = (n: number) => `test:${n.toString(16).padStart(64, '0')}`;

function cacheFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'nospof-cache-')), 'cache.json');
}

/** One run: opens the cache, sets `values`, saves; what it read and warned. */
function run(path: string, values: Record<number, unknown> = {}): { cache: FileCache; warning: string | undefined } {
  const { cache, warning } = FileCache.open(path, secret, 'v1');
  for (const [n, value] of Object.entries(values)) cache.set(key(Number(n)), value);
  cache.save();
  return { cache, warning };
}

/** How many segments the file holds after its base. */
function appended(path: string): number {
  return readFileSync(path, 'latin1').split('\n').filter((line) => /^\+[0-9a-f]{64} \d+$/.test(line)).length;
}

/** The bytes of the base segment's body and of everything appended after it. */
function sizes(path: string): { base: number; appended: number } {
  const text = readFileSync(path, 'latin1');
  const header = text.slice(0, text.indexOf('\n') + 1);
  const base = Number(/ (\d+)\n$/.exec(header)?.[1]);
  return { base, appended: text.length - header.length - base };
}

describe('the cache file', () => {
  it('appends what a run changed, and reads later segments over earlier ones', () => {
    const path = cacheFile();
    run(path, Object.fromEntries(Array.from({ length: 200 }, (_, i) => [i, { i, text: 'x'.repeat(100) }])));
    const base = statSync(path);
    run(path, { 3: { i: 3, edited: true } });
    run(path, { 4: { i: 4, edited: true }, 300: 'new' });
    // The same file, grown by two segments: the base was not written again.
    expect(statSync(path).ino).toBe(base.ino);
    expect(appended(path)).toBe(2);
    const { cache, warning } = FileCache.open(path, secret, 'v1');
    expect(warning).toBeUndefined();
    expect(cache.get(key(3))).toEqual({ i: 3, edited: true });
    expect(cache.get(key(4))).toEqual({ i: 4, edited: true });
    expect(cache.get(key(5))).toEqual({ i: 5, text: 'x'.repeat(100) });
    expect(cache.get(key(300))).toBe('new');
    expect(cache.stats.entries).toBe(201);
  });

  it('is written anew once appends pile up, keeping every entry', () => {
    const path = cacheFile();
    run(path, { 1: 'one' });
    for (let i = 0; i < 40; i++) run(path, { [i + 2]: 'y'.repeat(20_000) });
    // Never more than the segment limit, nor more appended bytes than half the base (or 256 KB).
    expect(appended(path)).toBeLessThanOrEqual(16);
    const { base, appended: bytes } = sizes(path);
    expect(bytes).toBeLessThanOrEqual(Math.max(256 * 1024, base / 2));
    expect(base).toBeGreaterThan(0);
    const { cache } = FileCache.open(path, secret, 'v1');
    expect(cache.get(key(1))).toBe('one');
    expect(cache.get(key(41))).toBe('y'.repeat(20_000));
  });

  it('warns about a segment signed with another key, or damaged, and starts again', () => {
    const path = cacheFile();
    run(path, { 1: 'one' });
    run(path, { 2: 'two' });
    const text = readFileSync(path, 'latin1');
    for (const bad of [text.replace('"two"', '"tw0"'), text.replace(/\n\+[0-9a-f]/, '\n+z'), `${text}garbage`]) {
      writeFileSync(path, bad, 'latin1');
      const { cache, warning } = FileCache.open(path, secret, 'v1');
      expect(warning, bad.slice(-40)).toMatch(/is corrupt|was not written by this machine/);
      expect(cache.get(key(1))).toBeUndefined();
    }
  });

  it('keeps both of two runs that append at once', () => {
    const path = cacheFile();
    run(path, { 1: 'one' });
    const a = FileCache.open(path, secret, 'v1').cache;
    const b = FileCache.open(path, secret, 'v1').cache;
    a.set(key(2), 'from a');
    b.set(key(3), 'from b');
    a.save();
    b.save();
    const { cache, warning } = FileCache.open(path, secret, 'v1');
    expect(warning).toBeUndefined();
    expect([cache.get(key(1)), cache.get(key(2)), cache.get(key(3))]).toEqual(['one', 'from a', 'from b']);
  });

  it('never appends through a link: the link is replaced by a file of its own', () => {
    const path = cacheFile();
    run(path, { 1: 'one' });
    const other = cacheFile();
    run(other, { 9: 'elsewhere' });
    const before = readFileSync(other);
    const link = join(path, '..', 'linked.json');
    symlinkSync(other, link);
    // Read through the link (it is a valid cache), then saved: the target is left as it was.
    run(link, { 2: 'two' });
    expect(readFileSync(other)).toEqual(before);
  });

  it('survives a crash in the middle of an append: the segments before it stand, without a warning', () => {
    const path = cacheFile();
    run(path, { 1: 'one' });
    run(path, { 2: 'two' });
    // The built package, as the command line runs it (tests run after the build).
    const api = new URL('../dist/index.js', import.meta.url).href;
    // A run that dies halfway through appending its segment, as a power cut or an OOM kill would.
    const writer = `
      import fs from 'node:fs';
      import { syncBuiltinESMExports } from 'node:module';
      const { FileCache } = await import(${JSON.stringify(api)});
      const write = fs.writeSync;
      fs.writeSync = (fd, buffer, offset, length) => {
        write(fd, buffer, offset, Math.floor(length / 2));
        process.kill(process.pid, 'SIGKILL');
      };
      syncBuiltinESMExports();
      const { cache } = FileCache.open(${JSON.stringify(path)}, Buffer.from(${JSON.stringify(secret.toString())}), 'v1');
      cache.set(${JSON.stringify(key(3))}, 'three');
      cache.save();`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', writer], { encoding: 'utf8' });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    const { cache, warning } = run(path, { 4: 'four' });
    expect(warning).toBeUndefined();
    expect([cache.get(key(1)), cache.get(key(2)), cache.get(key(3))]).toEqual(['one', 'two', undefined]);
    // The next save wrote the file anew, without the cut-short segment.
    expect(appended(path)).toBe(0);
    expect(FileCache.open(path, secret, 'v1').cache.get(key(4))).toBe('four');
  });
});
