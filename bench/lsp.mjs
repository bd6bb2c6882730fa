// Change-to-diagnostics latency of the language server, measured by a client over stdio as an editor
// sees it: a 3,000-line Kubernetes manifest and a 3,000-line Terraform file are opened, then edited one
// value at a time; each edit waits for the diagnostics of its version. The figures printed are after the
// server's debounce (the wait it makes on purpose before linting), median and p95.
// Run with `node bench/lsp.mjs` after `npx tsc -b`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';

const DEBOUNCE_MS = 150;
const EDITS = 30;
const WARM_UP = 3;
const LINES = 3000;
const bin = fileURLToPath(new URL('../packages/cli/bin/nospof.js', import.meta.url));

function deployment(i, replicas) {
  return `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 7}
  labels:
    app: app-${i}
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
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
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
  return parts;
}

const cases = {
  kubernetes: {
    file: 'manifests.yaml',
    languageId: 'yaml',
    build: (flip) => generate(deployment, (i) => (i === 7 && flip ? 3 : 1)).join(''),
  },
  terraform: {
    file: 'main.tf',
    languageId: 'terraform',
    build: (flip) => generate(database, (i) => (i === 7 && flip ? 'true' : 'false')).join(''),
  },
};

async function languageIds() {
  const cli = await import(new URL('../packages/cli/dist/index.js', import.meta.url).href);
  return new Set(cli.languages.map((l) => l.id));
}

/**
 * CPU time of the server's main thread in ms (Linux `/proc/<pid>/schedstat`, nanoseconds), or undefined
 * elsewhere. Unlike wall time it does not grow when other processes compete for the CPUs.
 */
function cpuMs(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(name) {
  const spec = cases[name];
  const root = mkdtempSync(join(tmpdir(), `nospof-bench-lsp-${name}-`));
  const path = join(root, spec.file);
  const texts = [spec.build(false), spec.build(true)];
  writeFileSync(path, texts[0]);
  const uri = pathToFileURL(path).href;
  const child = spawn(process.execPath, [bin, 'lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  let findings = 0;
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    if (params.uri !== uri) return;
    findings = params.diagnostics.length;
    waiting.get(params.version)?.(performance.now());
  });
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
  try {
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }],
      capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } },
    });
    await connection.sendNotification('initialized', {});
    const opened = published(1);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: spec.languageId, version: 1, text: texts[0] } });
    await opened;
    const latencies = [];
    const cpu = [];
    for (let version = 2; version < 2 + WARM_UP + EDITS; version++) {
      const text = texts[version % 2];
      const done = published(version);
      const cpuStart = cpuMs(child.pid);
      const start = performance.now();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
      const end = await done;
      const cpuEnd = cpuMs(child.pid);
      if (version < 2 + WARM_UP) continue;
      latencies.push(end - start);
      if (cpuStart !== undefined && cpuEnd !== undefined) cpu.push(cpuEnd - cpuStart);
    }
    latencies.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const lines = texts[0].split('\n').length - 1;
    const after = (ms) => Math.max(0, ms - DEBOUNCE_MS);
    return {
      name,
      lines,
      findings,
      edits: latencies.length,
      median: after(percentile(latencies, 50)),
      p95: after(percentile(latencies, 95)),
      rawMedian: percentile(latencies, 50),
      cpuMedian: cpu.length > 0 ? percentile(cpu, 50) : undefined,
      cpuP95: cpu.length > 0 ? percentile(cpu, 95) : undefined,
    };
  } finally {
    await connection.sendRequest('shutdown').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    connection.dispose();
    child.kill();
    rmSync(root, { recursive: true, force: true });
  }
}

/** Measures every case whose language the engine has; the others are reported as not available. */
export async function run() {
  const ids = await languageIds();
  const results = [];
  for (const name of Object.keys(cases)) {
    results.push(ids.has(name) ? await measure(name) : { name, unavailable: `${name} is not wired into the engine` });
  }
  // Latency is wall time: on a busy machine it measures the machine too, so the load is reported with it.
  return { debounceMs: DEBOUNCE_MS, targetMs: 50, cpus: cpus().length, load: loadavg()[0], results };
}

export function report({ debounceMs, targetMs, cpus, load, results }) {
  const lines = [
    `lsp: change-to-diagnostics latency after the ${debounceMs} ms debounce, over stdio (target < ${targetMs} ms; ${cpus} CPUs, load ${load.toFixed(1)})`,
  ];
  for (const r of results) {
    if (r.unavailable) {
      lines.push(`  ${r.name.padEnd(11)} n/a (${r.unavailable})`);
      continue;
    }
    const verdict = r.p95 < targetMs ? 'ok' : 'over target';
    lines.push(
      `  ${r.name.padEnd(11)} ${String(r.lines).padStart(5)} lines, ${r.findings} findings, ${r.edits} edits: ` +
        `median ${r.median.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (raw median ${r.rawMedian.toFixed(1)} ms) ${verdict}`,
    );
    if (r.cpuMedian !== undefined) {
      lines.push(`  ${''.padEnd(11)} server CPU per edit: median ${r.cpuMedian.toFixed(1)} ms, p95 ${r.cpuP95.toFixed(1)} ms (about the latency on an idle machine)`);
    }
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(report(await run()));
}
