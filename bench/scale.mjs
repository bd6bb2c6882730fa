// Scale: incremental runs, a pre-commit run, CI shards and a 50,000-file monorepo, on generated monorepos
// in the four languages (bench/monorepo.mjs). Every nospof run is a fresh process, as in CI and in a
// shell, and every figure is a ratio against a cold run measured in this same bench run, or a bound.
// Times are CPU time (user + system) of the nospof process: steadier than wall time on a shared machine;
// wall times are printed beside them. Targets: a warm run after one edit <= 10% of the cold run; the
// 50,000-file run within 2 GB. Run directly: `node bench/scale.mjs` (after `npm run build`).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateMonorepo, writeTree } from './monorepo.mjs';

const child = fileURLToPath(new URL('./scale-child.mjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'nospof-bench-scale-'));
const env = { ...process.env, NOSPOF_CACHE_SECRET: 'bench-scale-secret-0001', XDG_CACHE_HOME: join(work, 'xdg') };
const WARM_TARGET = 0.1;
const MEMORY_BOUND_MB = 2048;

/** One nospof command line in a fresh process; what it cost. */
function nospof(cwd, args, nodeArgs = []) {
  const result = spawnSync(process.execPath, [...nodeArgs, child, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  let measured;
  try {
    measured = JSON.parse(line);
  } catch {
    throw new Error(`nospof ${args.join(' ')} did not finish (${result.signal ?? result.status}): ${result.stderr.slice(0, 2000)}`);
  }
  if (measured.code === 2) throw new Error(`nospof ${args.join(' ')} failed: ${measured.stderr}`);
  return measured;
}

const out = (name) => join(work, name);
const pct = (part, whole) => `${((100 * part) / whole).toFixed(1)}%`;
/** A warm run's verdict against the target share of the cold run. */
const verdict = (warmMs, coldMs) => (warmMs <= WARM_TARGET * coldMs ? 'met' : 'NOT MET');
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** Replaces the first match in a file of the repository: a one-line commit. */
function edit(root, path, from, to) {
  const full = join(root, path);
  const text = readFileSync(full, 'utf8');
  if (!from.test(text)) throw new Error(`bench edit: ${from} not in ${path}`);
  writeFileSync(full, text.replace(from, to));
}

export function run({ large = true } = {}) {
  const lines = [];
  try {
    // A 5,000-file repository: cold, then warm runs after one edit in each language.
    const files = generateMonorepo({ files: 5000, seed: 2027 });
    const root = join(work, 'repo-5k');
    writeTree(root, files);
    // A project with dependencies, as in the README's CI set-up: the cache sits in node_modules/.cache/nospof.
    mkdirSync(join(root, 'node_modules'));
    const paths = [...files.keys()];
    const cold = nospof(root, ['--format', 'json', '-o', out('cold.json')]);
    const fill = nospof(root, ['--cache', '--format', 'json', '-o', out('fill.json')]);
    const unchanged = nospof(root, ['--cache', '--format', 'json', '-o', out('unchanged.json')]);
    const sameUnchanged = readFileSync(out('unchanged.json'), 'utf8') === readFileSync(out('cold.json'), 'utf8');
    const k8s = paths.find((p) => p.endsWith('apps/app-1/overlays/prod/replicas.yaml'));
    const edits = [
      ['Kubernetes overlay patch', k8s, /replicas: (\d+)/, 'replicas: 7'],
      ['Terraform root module', paths.find((p) => p.endsWith('terraform/envs/prod/main.tf')), /min_size {3}= \d+/, 'min_size   = 5'],
      ['Jenkinsfile', paths.find((p) => p.endsWith('services/svc-3/Jenkinsfile')), /sh 'make test/, "sh 'make check"],
      ['GitHub workflow', paths.find((p) => p.endsWith('-ci.yml')), /runs-on: [^\n]+/, 'runs-on: ubuntu-24.04'],
    ];
    const warm = edits.map(([what, path, from, to]) => {
      edit(root, path, from, to);
      return { what, path, ...nospof(root, ['--cache', '--format', 'json', '-o', out('warm.json')]) };
    });
    const coldAfter = nospof(root, ['--format', 'json', '-o', out('cold-after.json')]);
    // What any run pays before reading a file: starting Node and loading the bundle.
    const startUp = nospof(root, ['--version']);
    const sameAfterEdits = readFileSync(out('warm.json'), 'utf8') === readFileSync(out('cold-after.json'), 'utf8');

    // Pre-commit: one file named, its repository as context.
    const namedCold = nospof(root, ['--format', 'json', '-o', out('named-cold.json'), k8s]);
    const namedWarm = nospof(root, ['--cache', '--format', 'json', '-o', out('named-warm.json'), k8s]);
    const sameNamed = readFileSync(out('named-cold.json'), 'utf8') === readFileSync(out('named-warm.json'), 'utf8');

    // CI shards: four jobs from a cold start, merged.
    const shards = [1, 2, 3, 4].map((i) => nospof(root, ['--shard', `${i}/4`, '--format', 'json', '-o', out(`shard-${i}.json`)]));
    nospof(root, ['merge', ...[1, 2, 3, 4].map((i) => out(`shard-${i}.json`)), '-o', out('merged.json')]);
    const sameMerged = readFileSync(out('merged.json'), 'utf8') === readFileSync(out('cold-after.json'), 'utf8');
    const slowestShard = Math.max(...shards.map((r) => r.cpuMs));
    const meanShard = shards.reduce((sum, r) => sum + r.cpuMs, 0) / shards.length;

    // CI shards that restore the cache of an earlier run (the README's CI set-up), after one more edit:
    // every job starts from the same copy of the cache, as jobs restoring one cache key do.
    const cacheDir = join(root, 'node_modules', '.cache', 'nospof');
    const savedCache = join(work, 'cache-before-edit');
    cpSync(cacheDir, savedCache, { recursive: true });
    edit(root, k8s, /replicas: (\d+)/, 'replicas: 5');
    const cachedShards = [1, 2, 3, 4].map((i) => {
      rmSync(cacheDir, { recursive: true, force: true });
      cpSync(savedCache, cacheDir, { recursive: true });
      return nospof(root, ['--cache', '--shard', `${i}/4`, '--format', 'json', '-o', out(`cached-shard-${i}.json`)]);
    });
    nospof(root, ['merge', ...[1, 2, 3, 4].map((i) => out(`cached-shard-${i}.json`)), '-o', out('cached-merged.json')]);
    const coldLast = nospof(root, ['--format', 'json', '-o', out('cold-last.json')]);
    const sameCachedMerged = readFileSync(out('cached-merged.json'), 'utf8') === readFileSync(out('cold-last.json'), 'utf8');
    const slowestCachedShard = Math.max(...cachedShards.map((r) => r.cpuMs));

    const worst = Math.max(...warm.map((r) => r.cpuMs));
    lines.push(
      `scale: generated monorepo, ${files.size} files in the four languages (nospof:strict)`,
      `  cold run (no cache)            ${s(cold.cpuMs)} CPU  ${s(cold.wallMs)} wall  ${Math.round(files.size / (cold.wallMs / 1000))} files/s`,
      `  cold run writing the cache     ${s(fill.cpuMs)} CPU  (${pct(fill.cpuMs, cold.cpuMs)} of cold)`,
      `  warm, nothing changed          ${s(unchanged.cpuMs)} CPU  ${pct(unchanged.cpuMs, cold.cpuMs)} of cold  ${sameUnchanged ? 'same findings' : 'FINDINGS DIFFER'}`,
      ...warm.map((r) => `  warm, one edit: ${r.what.padEnd(24)} ${s(r.cpuMs)} CPU  ${pct(r.cpuMs, cold.cpuMs)} of cold (target <= ${WARM_TARGET * 100}%: ${verdict(r.cpuMs, cold.cpuMs)})  (${s(r.wallMs)} wall)`),
      `  warm after one edit, worst: ${pct(worst, cold.cpuMs)} of the cold run (target <= ${WARM_TARGET * 100}%): ${verdict(worst, cold.cpuMs)}`,
      `  start-up alone (nospof --version): ${s(startUp.cpuMs)} CPU, ${pct(startUp.cpuMs, cold.cpuMs)} of the cold run: the floor under every warm figure`,
      `  after the edits, warm and cold findings: ${sameAfterEdits ? 'identical' : 'DIFFER'}`,
      `  pre-commit, one file named:    cold ${s(namedCold.cpuMs)} CPU (${pct(namedCold.cpuMs, cold.cpuMs)} of a whole cold run), warm ${s(namedWarm.cpuMs)} CPU (${pct(namedWarm.cpuMs, cold.cpuMs)})  ${sameNamed ? 'same findings' : 'FINDINGS DIFFER'}`,
      `  --shard 1..4/4, cold:          slowest job ${s(slowestShard)} CPU, ${pct(slowestShard, coldAfter.cpuMs)} of the unsharded run, ${(slowestShard / meanShard).toFixed(2)}x the mean job (${shards.map((r) => s(r.cpuMs)).join(', ')}); merged report ${sameMerged ? 'identical to the unsharded one' : 'DIFFERS'}`,
      `  --shard 1..4/4, cache restored, one more edit: slowest job ${s(slowestCachedShard)} CPU, ${pct(slowestCachedShard, coldLast.cpuMs)} of an unsharded cold run (${cachedShards.map((r) => s(r.cpuMs)).join(', ')}); merged report ${sameCachedMerged ? 'identical to the cold one' : 'DIFFERS'}`,
    );
    rmSync(root, { recursive: true, force: true });
    const failed = !sameUnchanged || !sameAfterEdits || !sameNamed || !sameMerged || !sameCachedMerged;
    if (!large) return { lines, failed };

    // A 50,000-file monorepo, cold, under a 2 GB heap limit.
    const big = generateMonorepo({ files: 50000, seed: 2028 });
    const bigRoot = join(work, 'repo-50k');
    writeTree(bigRoot, big);
    let bytes = 0;
    for (const text of big.values()) bytes += Buffer.byteLength(text);
    const bigRun = nospof(bigRoot, ['--format', 'json', '-o', out('large.json')], ['--max-old-space-size=2048']);
    const peakMb = bigRun.maxRssKb / 1024;
    lines.push(
      `scale: generated monorepo, ${big.size} files, ${(bytes / 1024 / 1024).toFixed(0)} MB, cold, heap limited to 2 GB`,
      `  time ${s(bigRun.wallMs)} wall, ${s(bigRun.cpuMs)} CPU; ${Math.round(big.size / (bigRun.wallMs / 1000))} files/s`,
      `  peak memory ${peakMb.toFixed(0)} MB (bound ${MEMORY_BOUND_MB} MB): ${peakMb <= MEMORY_BOUND_MB ? 'within' : 'OVER'}`,
    );
    return { lines, failed };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `--no-large` leaves out the 50,000-file run, for a quick look at the incremental figures.
  const { lines, failed } = run({ large: !process.argv.includes('--no-large') });
  console.log(lines.join('\n'));
  if (failed) process.exitCode = 1;
}
