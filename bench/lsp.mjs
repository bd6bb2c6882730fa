// The language server as an editor sees it, measured by a client over stdio (`node bench/lsp.mjs` after
// `npm run build`):
// 1. Keystroke to fresh diagnostics, debounce included, on a 3,000-line manifest of 160 resources and a
//    3,000-line Terraform file (target: at most 150 ms at the median).
// 2. A GitOps repository of realistic size (~100 manifests, two install bundles of ~2 MB and ~33,000
//    lines, a workflow directory with a watcher and a reusable workflow): indexing time; how soon a file
//    opened while a bundle is being indexed gets its diagnostics, and a code action its answer; findings
//    published during indexing that the complete index does not give (must be none); publishes and files
//    linted per edit; keystroke-to-diagnostics latency for edits at the top, middle and end of a bundle;
//    the server's memory during 100 edits against its memory after indexing (bound: 2x).
// Latencies are wall times: on a busy machine they measure the machine too, so the server's CPU time per
// edit and the load are printed with them.
import { spawn } from 'node:child_process';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { writeRealisticWorkspace } from '../test/lsp/realistic-workspace.mjs';

const TARGET_MS = 150;
/** The server's default pause after a keystroke, part of every latency measured here. */
const DEBOUNCE_MS = 50;
const EDITS = 30;
const WARM_UP = 3;
const LINES = 3000;
const MEMORY_EDITS = 100;
const MEMORY_BOUND = 2;
// Another build of the server (a checkout of main, to compare) may be named in NOSPOF_BENCH_LSP_BIN.
const bin = process.env.NOSPOF_BENCH_LSP_BIN ?? fileURLToPath(new URL('../packages/cli/bin/nospof.js', import.meta.url));

// --- a client ---------------------------------------------------------------------------------------

/** CPU time of a process's main thread in ms (Linux `/proc/<pid>/schedstat`), or undefined elsewhere. */
function cpuMs(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/** Resident memory of a process in MB (Linux `/proc/<pid>/status`), or undefined elsewhere. */
function rssMb(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function startServer(root) {
  const child = spawn(process.execPath, [bin, 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const client = { child, connection, publishes: [], progress: [], traces: [], logs: [], waiters: new Set() };
  const poke = () => {
    for (const waiter of [...client.waiters]) {
      if (!waiter.check()) continue;
      client.waiters.delete(waiter);
      waiter.resolve();
    }
  };
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    client.publishes.push({ ...params, at: performance.now() });
    poke();
  });
  connection.onNotification('$/progress', (params) => {
    client.progress.push({ ...params.value, at: performance.now() });
    poke();
  });
  connection.onNotification('$/logTrace', (params) => client.traces.push(params.message));
  connection.onNotification('window/logMessage', (params) => {
    client.logs.push(params.message);
    poke();
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  // A wait that never ends would hang the whole bench: each gives up after two minutes, saying on what.
  client.waitFor = (check, what = 'the server') =>
    new Promise((resolve, reject) => {
      if (check()) return resolve();
      const timer = setTimeout(() => reject(new Error(`bench: gave up waiting for ${what}`)), 120_000);
      client.waiters.add({
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  client.published = (uri, version) => client.waitFor(() => client.publishes.some((p) => p.uri === uri && (version === undefined || p.version === version)), `diagnostics of ${uri} version ${version}`);
  client.stop = async () => {
    await connection.sendRequest('shutdown').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    connection.dispose();
    child.kill();
  };
  const rootUri = pathToFileURL(root).href;
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    trace: 'verbose',
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  return client;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95), count: sorted.length };
}

/** One edit and the wait for the diagnostics of its version: wall and server CPU time. */
async function timedEdit(client, uri, version, contentChanges) {
  const done = client.published(uri, version);
  const cpuStart = cpuMs(client.child.pid);
  const start = performance.now();
  await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  await done;
  const cpuEnd = cpuMs(client.child.pid);
  return { wall: performance.now() - start, cpu: cpuStart === undefined || cpuEnd === undefined ? undefined : cpuEnd - cpuStart };
}

// --- 1. one large file ------------------------------------------------------------------------------

/** A Deployment and its Service: 160 resources in 3,000 lines. */
function service(i, replicas) {
  return `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 7}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
        - name: app
          image: registry.example.com/app-${i}:1.${i}
          ports:
            - containerPort: 8080
              name: http
          env:
            - name: LOG_LEVEL
              value: info
          resources:
            requests:
              cpu: 100m
---
apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: team-${i % 7}
spec:
  selector:
    app: app-${i}
  ports:
    - port: 80
`;
}

function database(i, multiAz) {
  return `resource "aws_db_instance" "db_${i}" {
  identifier              = "db-${i}"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  multi_az                = ${multiAz}
  backup_retention_period = 7
}

`;
}

/** Blocks repeated until the file has at least `LINES` lines; `variant(i)` chooses block i's value. */
function generate(block, variant) {
  const parts = [];
  let lines = 0;
  for (let i = 0; lines < LINES; i++) {
    const text = block(i, variant(i));
    parts.push(text);
    lines += text.split('\n').length - 1;
  }
  return parts.join('');
}

const singleFileCases = {
  kubernetes: { file: 'manifests.yaml', languageId: 'yaml', build: (flip) => generate(service, (i) => (i === 7 && flip ? 3 : 1)) },
  terraform: { file: 'main.tf', languageId: 'terraform', build: (flip) => generate(database, (i) => (i === 7 && flip ? 'true' : 'false')) },
};

export async function singleFile(name) {
  const spec = singleFileCases[name];
  const root = mkdtempSync(join(tmpdir(), `nospof-bench-lsp-${name}-`));
  const path = join(root, spec.file);
  const texts = [spec.build(false), spec.build(true)];
  writeFileSync(path, texts[0]);
  const uri = pathToFileURL(path).href;
  const client = await startServer(root);
  try {
    await client.connection.sendNotification('initialized', {});
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: spec.languageId, version: 1, text: texts[0] } });
    await client.published(uri, 1);
    const wall = [];
    const cpu = [];
    for (let version = 2; version < 2 + WARM_UP + EDITS; version++) {
      const edit = await timedEdit(client, uri, version, [{ text: texts[version % 2] }]);
      if (version < 2 + WARM_UP) continue;
      wall.push(edit.wall);
      if (edit.cpu !== undefined) cpu.push(edit.cpu);
    }
    const resources = (texts[0].match(/^kind: /gm) ?? []).length;
    const findings = client.publishes.filter((p) => p.uri === uri).at(-1)?.diagnostics.length ?? 0;
    return { name, lines: texts[0].split('\n').length - 1, resources, findings, wall: summary(wall), cpu: cpu.length > 0 ? summary(cpu) : undefined };
  } finally {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

// --- 2. a repository of realistic size ----------------------------------------------------------------

const findingKeys = (params) => params.diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character} ${d.message}`);

export async function realistic() {
  const workspace = writeRealisticWorkspace();
  const client = await startServer(workspace.root);
  const uriOf = (name) => pathToFileURL(workspace.path(name)).href;
  const open = async (name) => {
    const text = readFileSync(workspace.path(name), 'utf8');
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(name), languageId: 'yaml', version: 1, text } });
    return { uri: uriOf(name), text };
  };
  try {
    const started = performance.now();
    await client.connection.sendNotification('initialized', {});
    // A workflow opened at once: the watcher that alerts on its failure may not be indexed yet.
    const workflow = await open('.github/workflows/deploy.yml');
    const ended = client.waitFor(() => client.progress.some((p) => p.kind === 'end')).then(() => performance.now());
    // A manifest opened while a 2 MB bundle is being read.
    await client.waitFor(() => client.progress.some((p) => p.kind === 'end' || /install\.yaml/.test(p.message ?? '')));
    const duringBundle = !client.progress.some((p) => p.kind === 'end');
    const openedAt = performance.now();
    const manifest = await open('apps/payments/svc-0.yaml');
    await client.published(manifest.uri);
    const openLatency = performance.now() - openedAt;
    const actionAt = performance.now();
    await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: manifest.uri },
      range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } },
      context: { diagnostics: [] },
    });
    const actionLatency = performance.now() - actionAt;
    const answeredBeforeEnd = !client.progress.some((p) => p.kind === 'end');
    const indexMs = (await ended) - started;
    await client.waitFor(() => client.logs.some((l) => /indexed \d+ file/.test(l)));
    const longestSlice = Number(/requests waited at most (\d+) ms/.exec(client.logs.find((l) => /indexed \d+ file/.test(l)) ?? '')?.[1] ?? NaN);
    // Quiet: the passes that indexing completion starts are done when nothing is published for a while.
    await settle(client);
    const final = new Map();
    for (const p of client.publishes) final.set(p.uri, new Set(findingKeys(p)));
    let transient = 0;
    for (const p of client.publishes) for (const key of findingKeys(p)) if (!final.get(p.uri)?.has(key)) transient++;
    const publishesAtOpen = client.publishes.filter((p) => p.uri === workflow.uri || p.uri === manifest.uri).length;

    // Publishes and files linted per edit, with three files of different units open.
    const other = await open('apps/search/svc-1.yaml');
    await client.published(other.uri);
    await settle(client);
    const before = client.publishes.length;
    const tracesBefore = client.traces.length;
    const editLines = [];
    for (let i = 0; i < 20; i++) {
      const version = 2 + i;
      editLines.push((await timedEdit(client, manifest.uri, version, [toggleLine(1, i % 2 === 0, '# edited\n')])).wall);
    }
    await settle(client);
    const afterEdits = client.publishes.slice(before);
    const lintedPerEdit = client.traces.slice(tracesBefore).map((t) => Number(/linted (\d+) file/.exec(t)?.[1] ?? 0));

    // Edits at the top, middle and end of a bundle.
    const bundle = await open('bundles/argo/install.yaml');
    await client.published(bundle.uri, 1);
    await settle(client);
    const rssAfterIndex = rssMb(client.child.pid);
    const lines = bundle.text.split('\n').length;
    const positions = { top: 1, middle: Math.floor(lines / 2), end: lines - 2 };
    let version = 1;
    const latency = {};
    let peak = rssAfterIndex ?? 0;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(client.child.pid) ?? 0)), 10);
    let edits = 0;
    for (const [where, line] of Object.entries(positions)) {
      const wall = [];
      const cpu = [];
      for (let i = 0; i < 12; i++) {
        const edit = await timedEdit(client, bundle.uri, ++version, [toggleLine(line, i % 2 === 0, '# a comment\n')]);
        edits++;
        if (i < 2) continue;
        wall.push(edit.wall);
        if (edit.cpu !== undefined) cpu.push(edit.cpu);
      }
      latency[where] = { line: line + 1, wall: summary(wall), cpu: cpu.length > 0 ? summary(cpu) : undefined };
    }
    // The rest of the 100 edits for memory: typing a comment in the middle of the bundle, one character
    // a keystroke, so each edit leaves a document text never seen before.
    await timedEdit(client, bundle.uri, ++version, [toggleLine(positions.middle, true, '# \n')]);
    for (let i = 0; edits < MEMORY_EDITS; i++, edits++) {
      const at = { line: positions.middle, character: 2 + i };
      await timedEdit(client, bundle.uri, ++version, [{ range: { start: at, end: at }, text: 'abcdefghij'[i % 10] }]);
    }
    clearInterval(sampler);
    return {
      files: 122,
      indexMs,
      longestSlice,
      openLatency,
      actionLatency,
      duringBundle,
      answeredBeforeEnd,
      transient,
      publishesAtOpen,
      editLatency: summary(editLines),
      publishesPerEdit: {
        edited: afterEdits.filter((p) => p.uri === manifest.uri).length,
        others: afterEdits.filter((p) => p.uri !== manifest.uri).length,
        edits: 20,
      },
      lintedPerEdit: summary(lintedPerEdit.length > 0 ? lintedPerEdit : [0]),
      bundleLines: lines - 1,
      bundleMb: Buffer.byteLength(bundle.text) / (1024 * 1024),
      latency,
      memory: rssAfterIndex === undefined ? undefined : { afterIndex: rssAfterIndex, peak, ratio: peak / rssAfterIndex, edits: MEMORY_EDITS },
    };
  } finally {
    await client.stop();
    workspace.remove();
  }
}

/** Inserts `text` as a line at `line` (0-based), or removes the line inserted there before. */
function toggleLine(line, insert, text) {
  if (insert) return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text };
  return { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' };
}

/** Waits until nothing has been published for 500 ms. */
async function settle(client) {
  for (;;) {
    const count = client.publishes.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (client.publishes.length === count) return;
  }
}

// --- report -------------------------------------------------------------------------------------------

export async function run() {
  const single = [];
  for (const name of Object.keys(singleFileCases)) single.push(await singleFile(name));
  return { targetMs: TARGET_MS, cpus: cpus().length, load: loadavg()[0], single, realistic: await realistic() };
}

const ms = (n) => `${n.toFixed(0)} ms`;
const verdict = (ok) => (ok ? 'ok' : 'over target');

export function report({ targetMs, cpus, load, single, realistic: r }) {
  const lines = [`lsp: keystroke to fresh diagnostics over stdio, debounce included (target: median <= ${targetMs} ms; ${cpus} CPUs, load ${load.toFixed(1)})`];
  for (const s of single) {
    const cpu = s.cpu ? `; server CPU per edit median ${ms(s.cpu.median)} (idle machine: about ${ms(DEBOUNCE_MS + s.cpu.median)} with the debounce)` : '';
    lines.push(`  ${s.name.padEnd(10)} ${s.lines} lines, ${s.resources || '-'} resources, ${s.findings} findings: median ${ms(s.wall.median)}, p95 ${ms(s.wall.p95)} ${verdict(s.wall.median <= targetMs)}${cpu}`);
  }
  lines.push(`lsp: a repository of ${r.files} files with two bundles of ${r.bundleLines} lines (${r.bundleMb.toFixed(1)} MB)`);
  const slice = Number.isNaN(r.longestSlice) ? '' : `, its longest slice ${ms(r.longestSlice)} of CPU (what a request may wait for it at most)`;
  lines.push(`  indexing ${ms(r.indexMs)}${slice}; a file opened ${r.duringBundle ? 'while a bundle was being indexed' : 'after indexing (it ended first)'}: diagnostics in ${ms(r.openLatency)}, a code action answered in ${ms(r.actionLatency)}${r.answeredBeforeEnd ? ', before indexing ended' : ''} (bound: 100 ms)`);
  lines.push(`  findings published during indexing that the complete index does not give: ${r.transient} (bound: 0); publishes of the two files opened during indexing: ${r.publishesAtOpen}`);
  lines.push(
    `  ${r.publishesPerEdit.edits} edits of one file with two others open: ${r.publishesPerEdit.edited} publishes of it, ${r.publishesPerEdit.others} of the others; files linted per edit: median ${r.lintedPerEdit.median}; latency median ${ms(r.editLatency.median)}`,
  );
  for (const [where, l] of Object.entries(r.latency)) {
    const cpu = l.cpu ? `, server CPU median ${ms(l.cpu.median)} (idle machine: about ${ms(DEBOUNCE_MS + l.cpu.median)})` : '';
    lines.push(`  bundle edit at the ${where.padEnd(6)} (line ${String(l.line).padStart(5)}): median ${ms(l.wall.median)}, p95 ${ms(l.wall.p95)} ${verdict(l.wall.median <= targetMs)}${cpu}`);
  }
  if (r.memory) {
    lines.push(`  memory: ${r.memory.afterIndex.toFixed(0)} MB after indexing, peak ${r.memory.peak.toFixed(0)} MB during ${r.memory.edits} edits: ${r.memory.ratio.toFixed(2)}x (bound: ${MEMORY_BOUND}x) ${r.memory.ratio <= MEMORY_BOUND ? 'ok' : 'over bound'}`);
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(report(await run()));
}
