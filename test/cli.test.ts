import { createHmac } from 'node:crypto';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { sarifErrors } from './helpers/sarif-schema.js';
import { tempTree } from './helpers/temp-tree.js';

const oneReplica = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx
`;

// Only the rule under test: these tests are about the CLI, and must not change as rules are added.
const onlyMinReplicas = { '.nospof.yaml': 'extends: []\nrules: { kubernetes/min-replicas: error }\n' };

describe('nospof CLI', () => {
  it('reports file:line:col, severity, message and rule, and exits 1', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'k8s/web.yaml': oneReplica });
    const result = await runCli([], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('k8s/web.yaml:6:13  error');
    expect(result.stdout).toContain('kubernetes/min-replicas');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('exits 0 when nothing reaches --fail-on', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'web.yaml': oneReplica });
    expect((await runCli(['--rule', 'kubernetes/min-replicas: warning'], root)).code).toBe(0);
    expect((await runCli(['--rule', 'kubernetes/min-replicas: warning', '--fail-on', 'warning'], root)).code).toBe(1);
    expect((await runCli(['--fail-on', 'never'], root)).code).toBe(0);
  });

  it('fails on too many warnings with --max-warnings', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'web.yaml': oneReplica });
    const result = await runCli(['--rule', 'kubernetes/min-replicas: warning', '--max-warnings', '0'], root);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('more than --max-warnings 0');
  });

  it('--quiet hides warnings', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'web.yaml': oneReplica });
    const result = await runCli(['--rule', 'kubernetes/min-replicas: warning', '--quiet'], root);
    expect(result.stdout).toBe('');
  });

  it('a bad config exits 2 and names the key and its line', async () => {
    const root = tempTree({
      '.nospof.yaml': 'extends: [nospof:recommended]\nrules:\n  kubernetes/min-replicas: [error, { min: zero }]\n',
      'web.yaml': oneReplica,
    });
    const result = await runCli([], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\.nospof\.yaml:3:\d+: rules\.kubernetes\/min-replicas\[1\]\.min: must be integer/);
  });

  it('an unknown rule in the config is a configuration error with a suggestion', async () => {
    const root = tempTree({ '.nospof.yaml': 'rules:\n  kubernetes/min-replica: error\n', 'web.yaml': oneReplica });
    const result = await runCli([], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('did you mean "kubernetes/min-replicas"');
  });

  it('an unknown top-level key is named', async () => {
    const root = tempTree({ '.nospof.yaml': 'rulez: {}\n', 'web.yaml': oneReplica });
    const result = await runCli([], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('.nospof.yaml:1:1: rulez: unknown key');
  });

  it('a key from the config file is shown escaped in the error: no ESC, no new line', async () => {
    const root = tempTree({ '.nospof.yaml': '"rul\\x1bes\\n::error::forged": {}\n', 'web.yaml': oneReplica });
    const result = await runCli([], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/rul\\(?:x1b|u001b)es\\(?:n|u000a)::error::forged: unknown key/);
    expect(result.stderr).not.toContain('\u001b');
    expect(result.stderr.split('\n').some((line) => line.trimStart().startsWith('::'))).toBe(false);
  });

  it('config overrides turn a rule off for some paths', async () => {
    const root = tempTree({
      '.nospof.yaml': "extends: []\nrules: { kubernetes/min-replicas: error }\noverrides:\n  - files: ['dev/**']\n    rules: { kubernetes/min-replicas: off }\n",
      'dev/web.yaml': oneReplica,
      'prod/web.yaml': oneReplica,
    });
    const result = await runCli(['--format', 'json'], root);
    const report = JSON.parse(result.stdout) as { file: string; findings: unknown[] }[];
    expect(report.map((r) => [r.file, r.findings.length])).toEqual([['dev/web.yaml', 0], ['prod/web.yaml', 1]]);
  });

  it('respects .gitignore and config ignore, and includes hidden folders', async () => {
    const root = tempTree({
      '.gitignore': 'generated/\n',
      '.nospof.yaml': "extends: []\nrules: { kubernetes/min-replicas: error }\nignore: ['vendor/**']\n",
      'generated/web.yaml': oneReplica,
      'vendor/web.yaml': oneReplica,
      '.deploy/web.yaml': oneReplica,
    });
    const result = await runCli(['--format', 'json'], root);
    const files = (JSON.parse(result.stdout) as { file: string }[]).map((r) => r.file);
    expect(files).toEqual(['.deploy/web.yaml']);
  });

  it('accepts globs', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'a/web.yaml': oneReplica, 'b/web.yml': oneReplica });
    const result = await runCli(['--format', 'json', 'a/*.yaml'], root);
    expect((JSON.parse(result.stdout) as { file: string }[]).map((r) => r.file)).toEqual(['a/web.yaml']);
  });

  it('lints standard input under --stdin-filename', async () => {
    const result = await runCli(['--stdin', '--stdin-filename', 'chart.yaml'], tempTree({ ...onlyMinReplicas }), oneReplica);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('chart.yaml:6:13');
  });

  it('--fix rewrites the file, keeping comments', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'web.yaml': `# the web tier\n${oneReplica.replace('replicas: 1', 'replicas: 1 # was one')}` });
    const result = await runCli(['--fix'], root);
    expect(result.code).toBe(0);
    const text = readFileSync(join(root, 'web.yaml'), 'utf8');
    expect(text).toContain('replicas: 2 # was one');
    expect(text.startsWith('# the web tier\n')).toBe(true);
  });

  it('--fix-dry-run prints a diff and leaves the file alone', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'web.yaml': oneReplica });
    const result = await runCli(['--fix-dry-run', '--format', 'json'], root);
    expect(result.stdout).toContain('-  replicas: 1\n+  replicas: 2');
    expect(readFileSync(join(root, 'web.yaml'), 'utf8')).toBe(oneReplica);
  });

  it('--fix-dry-run cannot forge a CI log command from a line of the file', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'web.yaml': oneReplica.replace('  name: web\n', '  name: web\n  annotations:\n    note: |\n      ::add-mask::x\n') });
    const result = await runCli(['--fix-dry-run', '--format', 'json'], root);
    expect(result.stdout).toContain('+  replicas: 2');
    expect(result.stdout).toContain('       \\x3a:add-mask::x');
    expect(result.stdout.split('\n').filter((line) => line.trimStart().startsWith('::'))).toEqual([]);
  });

  it('--fix with --stdin prints the fixed text', async () => {
    const result = await runCli(['--stdin', '--stdin-filename', 'web.yaml', '--fix'], tempTree({ ...onlyMinReplicas }), oneReplica);
    expect(result.stdout).toBe(oneReplica.replace('replicas: 1', 'replicas: 2'));
  });

  it('writes SARIF that validates against the 2.1.0 schema, with suppressions', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'web.yaml': oneReplica,
      'cache.yaml': `# nospof-ignore kubernetes/min-replicas -- dev cache\n${oneReplica.replace('name: web', 'name: cache')}`, });
    const result = await runCli(['--format', 'sarif', '--output-file', 'out/nospof.sarif'], root);
    expect(result.code).toBe(1);
    const log = JSON.parse(readFileSync(join(root, 'out/nospof.sarif'), 'utf8')) as {
      runs: { results: { suppressions?: { justification?: string }[]; locations: unknown[] }[]; tool: { driver: { rules: { helpUri?: string; help: { markdown: string } }[] } } }[];
    };
    expect(sarifErrors(log)).toEqual([]);
    const results = log.runs[0]!.results;
    expect(results).toHaveLength(2);
    expect(results.filter((r) => r.suppressions).map((r) => r.suppressions![0]!.justification)).toEqual(['dev cache']);
    expect(log.runs[0]!.tool.driver.rules[0]!.helpUri).toBeUndefined();
    expect(log.runs[0]!.tool.driver.rules[0]!.help.markdown).toContain('# kubernetes/min-replicas');
  });

  it('writes GitHub annotations with exact lines', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'web.yaml': oneReplica });
    const result = await runCli(['--format', 'github'], root);
    expect(result.stdout).toContain('::error file=web.yaml,line=6,col=13,endColumn=14,endLine=6,title=kubernetes/min-replicas::Deployment "web" runs 1 replica(s)');
  });

  it('writes JUnit XML', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'web.yaml': oneReplica });
    const result = await runCli(['--format', 'junit'], root);
    expect(result.stdout).toContain('<testsuite name="web.yaml" tests="1" failures="1"');
    expect(result.stdout).toContain('<failure type="error"');
  });

  it('SARIF lists a file it could not read as a tool notification, and still fails on it', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'web.yaml': oneReplica, 'blob.yaml': new Uint8Array([0x6b, 0x3a, 0x00, 0x01]) });
    const result = await runCli(['--format', 'sarif', '--sarif-category', 'k8s'], root);
    expect(result.code).toBe(1);
    const run = (JSON.parse(result.stdout) as { runs: { automationDetails: { id: string }; invocations: { toolExecutionNotifications: { message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }[] }).runs[0]!;
    expect(run.automationDetails.id).toBe('nospof/k8s/');
    const notes = run.invocations[0]!.toolExecutionNotifications;
    expect(notes.map((n) => [n.locations[0]!.physicalLocation.artifactLocation.uri, n.message.text])).toEqual([['blob.yaml', 'skipped: the file is binary (it contains NUL bytes)']]);
  });

  it('--compliance keeps the framework\'s findings, and the exit code follows them', async () => {
    const root = tempTree({
      '.nospof.yaml': 'extends: []\nrules: { kubernetes/min-replicas: error, github-actions/job-timeout: error }\n',
      'web.yaml': oneReplica,
      '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: [self-hosted, linux]\n    steps:\n      - run: make\n',
    });
    const all = await runCli(['--format', 'compact'], root);
    expect(all.stdout).toContain('github-actions/job-timeout');
    const hipaa = await runCli(['--format', 'compact', '--compliance', 'hipaa'], root);
    expect(hipaa.stdout).toBe('');
    expect(hipaa.code).toBe(0);
    const nist = await runCli(['--compliance', 'nist800-53'], root);
    expect(nist.code).toBe(1);
    expect(nist.stdout).toContain('NIST SP 800-53 Rev. 5:');
    const bad = await runCli(['--compliance', 'pci'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--compliance takes one of iso27001, soc2, hipaa, nist800-53, not "pci"');
  });

  it('nospof rules --compliance lists the rules behind each control', async () => {
    const all = await runCli(['rules', '--compliance'], tempTree({}));
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/ISO\/IEC 27001:2022 Annex A A\.8\.14 — Redundancy of information processing facilities \(\d+ rules\)\n(?: {2}.+\n)* {2}kubernetes\/min-replicas\n/);
    const soc2 = await runCli(['rules', '--compliance', 'soc2', '--format', 'json'], tempTree({}));
    const rows = JSON.parse(soc2.stdout) as { tag: string; rules: string[] }[];
    expect(rows.map((r) => r.tag)).toEqual(['SOC2:A1.2']);
    expect(rows[0]!.rules).toContain('kubernetes/min-replicas');
  });

  it('writes a Markdown table', async () => {
    const result = await runCli(['--format', 'markdown'], tempTree({ ...onlyMinReplicas, 'web.yaml': oneReplica }));
    expect(result.stdout).toContain('| error | `web.yaml:6:13` |');
  });

  it('rejects unknown options and formats with exit 2', async () => {
    expect((await runCli(['--bogus'], tempTree({ ...onlyMinReplicas }))).code).toBe(2);
    const format = await runCli(['--format', 'xml'], tempTree({ ...onlyMinReplicas }));
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('unknown --format "xml"');
    const rule = await runCli(['--rule', 'kubernetes/min-replicas: loud'], tempTree({ ...onlyMinReplicas }));
    expect(rule.code).toBe(2);
  });

  it('lists rules, explains one, prints the version', async () => {
    const rules = await runCli(['rules'], tempTree({ ...onlyMinReplicas }));
    expect(rules.stdout).toMatch(/kubernetes\/min-replicas\s+recommended\s+error\s+yes/);
    const explain = await runCli(['explain', 'kubernetes/min-replicas'], tempTree({ ...onlyMinReplicas }));
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('kubernetes/min-replicas');
    expect(explain.stdout).toContain('preset: recommended');
    const version = await runCli(['--version'], tempTree({ ...onlyMinReplicas }));
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('prints usage for --help after any command, and exits 0', async () => {
    for (const command of ['rules', 'explain', 'merge', 'input', 'test-policies', 'init', 'baseline']) {
      const help = await runCli([command, '--help'], tempTree({ ...onlyMinReplicas }));
      expect(help.code, command).toBe(0);
      expect(help.stdout, command).toContain('Usage:');
    }
  });

  it('init writes a config that nospof accepts', async () => {
    const root = tempTree({ 'web.yaml': oneReplica });
    expect((await runCli(['init', '--preset', 'strict'], root)).code).toBe(0);
    expect(existsSync(join(root, '.nospof.yaml'))).toBe(true);
    expect((await runCli(['init'], root)).code).toBe(2);
    expect((await runCli([], root)).code).toBe(1);
  });

  it('--explain-unknown lists skipped values with their reason', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'web.yaml': oneReplica.replace('replicas: 1', 'replicas: ${REPLICAS}') });
    const result = await runCli(['--explain-unknown'], root);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('web.yaml:6:13  spec.replicas of Deployment "web": the value "${REPLICAS}" is filled in by a template');
  });

  it('reports an unused suppression and removes it with --fix', async () => {
    const text = `# nospof-ignore kubernetes/min-replicas -- not needed\n${oneReplica.replace('replicas: 1', 'replicas: 3')}`;
    const root = tempTree({ ...onlyMinReplicas, 'web.yaml': text });
    const result = await runCli([], root);
    expect(result.stdout).toContain('nospof/unused-suppression');
    await runCli(['--fix'], root);
    expect(readFileSync(join(root, 'web.yaml'), 'utf8')).toBe(oneReplica.replace('replicas: 1', 'replicas: 3'));
  });
});

describe('nospof CLI on files named one by one (pre-commit)', () => {
  it('reads the other files of the directory as context, without reporting them', async () => {
    const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 2
  maxReplicas: 5
`;
    const other = oneReplica.replace('name: web', 'name: other');
    const root = tempTree({ ...onlyMinReplicas, 'k8s/web.yaml': oneReplica, 'k8s/hpa.yaml': hpa, 'k8s/other.yaml': other });
    const result = await runCli(['--format', 'json', '--rule', 'kubernetes/min-replicas: error', 'k8s/web.yaml'], root);
    const report = JSON.parse(result.stdout) as { file: string; findings: { ruleId: string }[] }[];
    expect(report.map((r) => r.file)).toEqual(['k8s/web.yaml']);
    expect(report[0]!.findings.filter((f) => f.ruleId === 'kubernetes/min-replicas')).toEqual([]);
  });
});

describe('baseline and cache', () => {
  it('nospof baseline accepts today\'s findings; a new finding is still reported', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'web.yaml': oneReplica });
    const written = await runCli(['baseline'], root);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('wrote 1 finding(s) to .nospof-baseline.json');
    expect((await runCli([], root)).code).toBe(0);
    // Moving the finding down a few lines keeps it accepted: the key is the resource, not the line.
    const moved = `# a comment\n# another\n${oneReplica}`;
    const text = `${moved}---\n${oneReplica.replace('name: web', 'name: api')}`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(root, 'web.yaml'), text);
    const after = await runCli(['--format', 'json'], root);
    expect(after.code).toBe(1);
    const findings = (JSON.parse(after.stdout) as { findings: { resource: string; suppressed?: { source: string } }[] }[])[0]!.findings;
    expect(findings.map((f) => [f.resource, f.suppressed?.source ?? 'active'])).toEqual([
      ['Deployment/default/web', 'baseline'],
      ['Deployment/default/api', 'active'],
    ]);
  });

  it('--cache reuses results of an unchanged tree and notices a change', async () => {
    // A project with dependencies keeps its cache beside them.
    const root = tempTree({ ...onlyMinReplicas, 'web.yaml': oneReplica, 'node_modules/.package-lock.json': '{}' });
    const env = { NOSPOF_CACHE_SECRET: 'a-secret-of-this-test-run', XDG_CACHE_HOME: tempTree({}) };
    const first = await runCli(['--cache'], root, '', { env });
    expect(first.code).toBe(1);
    const cacheFile = join(root, 'node_modules/.cache/nospof/cache.json');
    expect(existsSync(cacheFile)).toBe(true);
    expect((await runCli(['--cache'], root, '', { env })).stdout).toBe(first.stdout);
    // Prove the second run is served from the cache: a correctly signed edit of the cached message shows up.
    const body = cacheBody(cacheFile).replace('runs 1 replica(s)', 'runs ONE replica(s)');
    writeFileSync(cacheFile, signedCache(env.NOSPOF_CACHE_SECRET, body));
    expect((await runCli(['--cache'], root, '', { env })).stdout).toContain('runs ONE replica(s)');
    writeFileSync(join(root, 'web.yaml'), oneReplica.replace('replicas: 1', 'replicas: 2'));
    expect((await runCli(['--cache'], root, '', { env })).code).toBe(0);
  });

  it('--cache never passes on a forged or malformed cache, and says why it was not used', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'web.yaml': oneReplica, 'node_modules/.package-lock.json': '{}' });
    const env = { NOSPOF_CACHE_SECRET: 'the-machine-secret-0001', XDG_CACHE_HOME: tempTree({}) };
    await runCli(['--cache'], root, '', { env });
    const cacheFile = join(root, 'node_modules/.cache/nospof/cache.json');
    // A pull request commits a cache with the keys intact and the findings emptied, signed with another secret.
    const emptied = cacheBody(cacheFile).replace(/"pending":\[[^\]]*\]/g, '"pending":[]');
    writeFileSync(cacheFile, signedCache('attacker-secret-000000', emptied));
    const forged = await runCli(['--cache'], root, '', { env });
    expect(forged.code).toBe(1);
    expect(forged.stderr).toContain('was not written by this machine');
    for (const junk of ['{"fingerprint":1}', '[]', 'not json', '', signedCache(env.NOSPOF_CACHE_SECRET, '{"version":1}'), signedCache(env.NOSPOF_CACHE_SECRET, 'not json')]) {
      writeFileSync(cacheFile, junk);
      const run = await runCli(['--cache'], root, '', { env });
      expect(run.code, junk).toBe(1);
      expect(run.stderr, junk).toMatch(/the cache .*(is not a nospof cache|is corrupt)|^$/);
    }
  });

  it('--cache refuses a location among the scanned files, with a warning', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'web.yaml': oneReplica });
    const run = await runCli(['--cache', '--cache-location', '.nospof-cache/results.json'], root, '', { env: { NOSPOF_CACHE_SECRET: 'another-test-secret-1' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is among the scanned files; it is not used');
    expect(existsSync(join(root, '.nospof-cache/results.json'))).toBe(false);
  });
});

/** The body of a cache file's base segment (after its signed header line; appended segments left out). */
function cacheBody(path: string): string {
  const bytes = readFileSync(path);
  const newline = bytes.indexOf(0x0a);
  const length = Number(/ (\d+)$/.exec(bytes.toString('latin1', 0, newline))?.[1]);
  return bytes.toString('utf8', newline + 1, newline + 1 + length);
}

/** A cache file with `body`, signed as nospof signs it. */
function signedCache(secret: string, body: string): string {
  const mac = createHmac('sha256', secret).update('nospof-cache/4').update('\u0000').update(body).digest('hex');
  return `nospof-cache/4 ${mac} ${Buffer.byteLength(body)}\n${body}`;
}

describe('workflows named one by one', () => {
  it('follow reusable workflows and local actions under .github as context', async () => {
    const root = tempTree({
      '.nospof.yaml': 'extends: []\nrules: { github-actions/job-timeout: error }\n',
      '.github/workflows/ci.yml': 'on: push\njobs:\n  build:\n    uses: ./.github/workflows/build.yml\n',
      '.github/workflows/build.yml': 'on: workflow_call\njobs:\n  compile:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n',
      '.github/actions/setup/action.yml': 'name: setup\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: bash\n',
    });
    const result = await runCli(['--format', 'json', '.github/workflows/ci.yml'], root);
    const report = JSON.parse(result.stdout) as { file: string }[];
    expect(report.map((r) => r.file)).toEqual(['.github/workflows/ci.yml']);
  });
});

describe('ignore patterns', () => {
  it('apply to files named on the command line and to globs, as to directories', async () => {
    const root = tempTree({
      '.gitignore': 'generated/\n',
      '.nospof.yaml': "extends: []\nrules: { kubernetes/min-replicas: error }\nignore: ['vendor/**']\n",
      'vendor/web.yaml': oneReplica,
      'generated/web.yaml': oneReplica,
      'app/web.yaml': oneReplica,
    });
    const named = await runCli(['--format', 'json', 'vendor/web.yaml', 'app/web.yaml'], root);
    expect((JSON.parse(named.stdout) as { file: string }[]).map((r) => r.file)).toEqual(['app/web.yaml']);
    expect(named.stderr).toContain('vendor/web.yaml: ignored by the configuration');
    const globbed = await runCli(['--format', 'json', '**/*.yaml'], root);
    expect((JSON.parse(globbed.stdout) as { file: string }[]).map((r) => r.file)).toEqual(['app/web.yaml']);
  });
});

describe('colour', () => {
  it('is used on a terminal, never with NO_COLOR, and never in a pipe', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'web.yaml': oneReplica });
    expect((await runCli([], root, '', { isTTY: true })).stdout).toContain('\u001b[31m');
    expect((await runCli([], root, '', { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await runCli([], root)).stdout).not.toContain('\u001b[');
    expect((await runCli(['--color'], root)).stdout).toContain('\u001b[');
  });
});
