import { existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Nospof, type LintReport } from '@nospof/api';
import { generateMonorepo, randomEdit, writeTree } from '../bench/monorepo.mjs';
import { seeded } from '../bench/util.mjs';
import { tempTree } from './helpers/temp-tree.js';

// Caches of trees without dependencies go to the user's cache directory: one of this test's own.
const env = { NOSPOF_CACHE_SECRET: 'incremental-test-secret', XDG_CACHE_HOME: tempTree({}) };

/** What a report says, in a form two runs can be compared by. */
function said(report: LintReport) {
  return { results: report.results, skipped: report.skipped };
}

async function cold(root: string, patterns: string[] = []) {
  return said(await new Nospof({ cwd: root, env }).lintFiles(patterns));
}

async function warm(root: string, patterns: string[] = []) {
  const report = await new Nospof({ cwd: root, cache: true, env }).lintFiles(patterns);
  expect(report.warnings).toEqual([]);
  return said(report);
}

/** Mirrors the generated repository's current state onto disk: changed, added and deleted files. */
function sync(root: string, before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): void {
  for (const [path, text] of after) {
    if (before.get(path) === text) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  for (const path of before.keys()) if (!after.has(path)) rmSync(join(root, path));
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('the incremental cache', () => {
  it('gives exactly the cold run\'s findings after random edits of a generated monorepo', async () => {
    const random = seeded(2026);
    let files = generateMonorepo({ files: 140, seed: 5 });
    const root = join(tempTree({}), 'repo');
    writeTree(root, files);
    // Files older than the cache's racy window are trusted by their stat: the runs below use that path too.
    await sleep(2100);
    expect(await warm(root)).toEqual(await cold(root));
    for (let round = 0; round < 8; round++) {
      const next = new Map(files);
      const did = [randomEdit(random, next), ...(random() < 0.5 ? [randomEdit(random, next)] : [])];
      sync(root, files, next);
      files = next;
      expect(await warm(root), `round ${round}: ${did.join(', ')}`).toEqual(await cold(root));
    }
  }, 300_000);

  it('re-judges a Jenkinsfile when a library step or a script it loads changes, and only the shape otherwise', async () => {
    const fixture = new URL('../fixtures/jenkins/err/variants/', import.meta.url);
    const files = new Map<string, string>();
    for (const path of ['.nospof.yaml', 'Jenkinsfile', 'Jenkinsfile_k8s', 'Jenkinsfile-jdk11', 'Jmh_Jenkinsfile', 'release/JenkinsFile', 'vars/notifyChat.groovy', 'vars/runBenchmarks.groovy', 'ci/notify.groovy', 'ci/nightly-reindex.groovy']) {
      files.set(path, readFileSync(new URL(path, fixture), 'utf8'));
    }
    const root = join(tempTree({}), 'repo');
    writeTree(root, files);
    await sleep(2100);
    expect(await warm(root)).toEqual(await cold(root));
    const edits: [string, (text: string | undefined) => string | undefined][] = [
      // The library step no longer retries a lost agent: the pipelines calling it have a finding there now.
      ['vars/runBenchmarks.groovy', (text) => text?.replace("retry(count: 2, conditions: [agent()])", "stage('bench')")],
      // The loaded script moves down two lines and loses its mail.
      ['ci/notify.groovy', (text) => `// one\n// two\n${text?.replace(/\n\s*mail to:[^\n]*/, '') ?? ''}`],
      // A library step disappears, then comes back.
      ['vars/notifyChat.groovy', () => undefined],
      ['vars/notifyChat.groovy', () => files.get('vars/notifyChat.groovy')],
    ];
    let current = new Map(files);
    for (const [path, edit] of edits) {
      const next = new Map(current);
      const text = edit(current.get(path));
      if (text === undefined) next.delete(path);
      else next.set(path, text);
      sync(root, current, next);
      current = next;
      const expected = await cold(root);
      expect(await warm(root), path).toEqual(expected);
    }
  }, 120_000);

  it('notices an edit that keeps the size and the modification time', async () => {
    const root = tempTree({
      '.nospof.yaml': 'extends: []\nrules: { kubernetes/min-replicas: error }\n',
      'web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: 1\n',
    });
    const path = join(root, 'web.yaml');
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    await sleep(2100);
    expect((await warm(root)).results[0]?.findings).toHaveLength(1);
    const { mtime } = statSync(path);
    writeFileSync(path, readFileSync(path, 'utf8').replace('replicas: 1', 'replicas: 3'));
    utimesSync(path, mtime, mtime);
    expect(await warm(root)).toEqual(await cold(root));
    expect((await warm(root)).results[0]?.findings).toEqual([]);
  });

  it('serves a file named alone (a pre-commit hook) from the cache of the whole repository', async () => {
    const files = generateMonorepo({ files: 70, seed: 9 });
    const root = join(tempTree({}), 'repo');
    writeTree(root, files);
    await warm(root);
    const named = [...files.keys()].filter((p) => p.endsWith('replicas.yaml') || p.endsWith('envs/prod/main.tf') || p.endsWith('Jenkinsfile')).slice(0, 3);
    for (const path of named) expect(await warm(root, [path]), path).toEqual(await cold(root, [path]));
  }, 120_000);

  it('ignores a cache it cannot trust with a warning, and keeps the cold results', async () => {
    const files = generateMonorepo({ files: 70, seed: 3 });
    const root = join(tempTree({}), 'repo');
    writeTree(root, files);
    // A project with dependencies: the cache sits beside them.
    mkdirSync(join(root, 'node_modules'));
    const expected = await cold(root);
    const run = () => new Nospof({ cwd: root, cache: true, env }).lintFiles([]);
    await run();
    const cacheFile = join(root, 'node_modules/.cache/nospof/cache.json');
    const text = readFileSync(cacheFile, 'utf8');
    const damaged = [text.slice(0, Math.floor(text.length / 2)), text.replace(/"error"/, '"errxr"'), '\u0000\u0001binary', `${text}garbage`];
    for (const bad of damaged) {
      writeFileSync(cacheFile, bad);
      const report = await run();
      expect(report.warnings.join('\n')).toMatch(/the cache node_modules\/\.cache\/nospof\/cache\.json (is corrupt|is not a nospof cache|was not written by this machine)/);
      expect(said(report)).toEqual(expected);
      // Rebuilt: the next run trusts it again.
      expect((await run()).warnings).toEqual([]);
    }
  }, 120_000);

  it('keeps the cache of a tree without dependencies in the user\'s cache directory, not in the tree', async () => {
    const root = tempTree({ '.git/HEAD': '', '.nospof.yaml': 'extends: []\nrules: { kubernetes/min-replicas: error }\n', 'web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: 1\n' });
    const home = tempTree({});
    const own = { ...env, XDG_CACHE_HOME: home };
    const first = await new Nospof({ cwd: root, cache: true, env: own }).lintFiles([]);
    expect(first.warnings).toEqual([]);
    expect(existsSync(join(root, 'node_modules'))).toBe(false);
    const { readdirSync } = await import('node:fs');
    const folders = readdirSync(join(home, 'nospof/repositories'));
    expect(folders).toHaveLength(1);
    const cacheFile = join(home, 'nospof/repositories', folders[0] as string, 'cache.json');
    expect(existsSync(cacheFile)).toBe(true);
    // The same folder's next run finds it; a damaged one is named by its full path.
    expect(said(await new Nospof({ cwd: root, cache: true, env: own }).lintFiles([]))).toEqual(said(first));
    writeFileSync(cacheFile, 'damaged');
    const damaged = await new Nospof({ cwd: root, cache: true, env: own }).lintFiles([]);
    expect(damaged.warnings.join('\n')).toContain(`the cache ${cacheFile} is not a nospof cache`);
    expect(said(damaged)).toEqual(said(first));
  });

  it('survives a crash in the middle of writing it, whether appending to it or writing it anew', async () => {
    const dir = tempTree({});
    const cacheFile = join(dir, 'cache.json');
    const api = new URL('../packages/api/dist/index.js', import.meta.url).href;
    // A process that saves a cache (unless `first` is false), then dies halfway through writing the next one:
    // every write stops after half its bytes and the process is killed, as a power cut or an OOM kill would.
    const writer = (first: boolean, round: number) => `
      import fs from 'node:fs';
      import { syncBuiltinESMExports } from 'node:module';
      const { FileCache } = await import(${JSON.stringify(api)});
      const secret = Buffer.from('crash-test-secret-0000');
      if (${first}) {
        const first = FileCache.open(${JSON.stringify(cacheFile)}, secret, 'v').cache;
        first.set('test:' + 'a'.repeat(64), { round: 1 });
        first.save();
      }
      // The whole file anew (a temporary file renamed) or a segment appended, whichever the save does.
      const write = fs.writeFileSync;
      fs.writeFileSync = (path, data, ...rest) => {
        write(path, String(data).slice(0, Math.floor(String(data).length / 2)), ...rest);
        process.kill(process.pid, 'SIGKILL');
      };
      const append = fs.writeSync;
      fs.writeSync = (fd, buffer, offset, length) => {
        append(fd, buffer, offset, Math.floor(length / 2));
        process.kill(process.pid, 'SIGKILL');
      };
      syncBuiltinESMExports();
      const next = FileCache.open(${JSON.stringify(cacheFile)}, secret, 'v').cache;
      next.set('test:' + 'a'.repeat(64), { round: ${round} });
      next.save();`;
    const { spawnSync } = await import('node:child_process');
    const { FileCache } = await import('@nospof/api');
    const { readFileSync: read } = await import('node:fs');
    // The first crash cuts an appended segment short; the second, after it, dies writing the file anew.
    for (const [first, round] of [[true, 2], [false, 3]] as const) {
      const before = existsSync(cacheFile) ? read(cacheFile) : undefined;
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', writer(first, round)], { encoding: 'utf8' });
      expect(child.signal, child.stderr).toBe('SIGKILL');
      if (before) expect(read(cacheFile)).toEqual(before);
      const opened = FileCache.open(cacheFile, Buffer.from('crash-test-secret-0000'), 'v');
      expect(opened.warning).toBeUndefined();
      expect(opened.cache.get(`test:${'a'.repeat(64)}`)).toEqual({ round: 1 });
    }
  });

  it('refuses a cache reached through a link inside the repository', async () => {
    const root = tempTree({ '.git/HEAD': '', 'web.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n' });
    const elsewhere = tempTree({});
    mkdirSync(join(root, 'node_modules'), { recursive: true });
    const { symlinkSync } = await import('node:fs');
    symlinkSync(elsewhere, join(root, 'node_modules/.cache'));
    const report = await new Nospof({ cwd: root, cache: true, env }).lintFiles([]);
    expect(report.warnings.join('\n')).toContain('is reached through a symbolic link; it is not used');
    expect(existsSync(join(elsewhere, 'nospof/cache.json'))).toBe(false);
  });
});
