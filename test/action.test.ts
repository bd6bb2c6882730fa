import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sarifErrors } from './helpers/sarif-schema.js';
import { tempTree } from './helpers/temp-tree.js';

const repo = fileURLToPath(new URL('../', import.meta.url));

interface ActionStep {
  id: string;
  shell: string;
  env: Record<string, string>;
  run: string;
}

interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(readFileSync(join(repo, 'action.yml'), 'utf8')) as Action;

const oneReplica = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n';
const onlyMinReplicas = { '.nospof.yaml': 'extends: []\nrules: { kubernetes/min-replicas: error }\n' };

/** The runner's evaluation of `${{ inputs.x }}` in a step's `env:`: the input's value, or its default. */
function evaluate(expression: string, inputs: Record<string, string>): string {
  return expression.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_all, name: string) => inputs[name] ?? action.inputs[name]?.default ?? '');
}

/** The outputs a step wrote to $GITHUB_OUTPUT, in the runner's `name<<delimiter` and `name=value` forms. */
function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      outputs[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

/** Runs the action's steps as a runner would: bash -eo pipefail, the step's env, the runner's variables. */
function runAction(workspace: string, inputs: Record<string, string> = {}, actionPath = repo, extraPath = '') {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'nospof-runner-'));
  const outputFile = join(runnerTemp, 'output');
  const summaryFile = join(runnerTemp, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  let stdout = '';
  let stderr = '';
  let status: number | null = 0;
  for (const step of action.runs.steps) {
    const env = Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, evaluate(v, inputs)]));
    const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
      cwd: workspace,
      encoding: 'utf8',
      env: {
        PATH: `${extraPath}${dirname(process.execPath)}${delimiter}/usr/bin${delimiter}/bin`,
        HOME: runnerTemp,
        GITHUB_ACTIONS: 'true',
        GITHUB_ACTION_PATH: actionPath,
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        RUNNER_TEMP: runnerTemp,
        ...env,
      },
    });
    stdout += run.stdout;
    stderr += run.stderr;
    status = run.status;
    if (status !== 0) break;
  }
  return { status, stdout, stderr, outputs: readOutputs(outputFile), summary: readFileSync(summaryFile, 'utf8') };
}

describe('the GitHub Action (action.yml)', () => {
  it('is a composite action whose shell text never holds an input expression', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['annotations', 'config', 'fail-on', 'paths', 'plugins', 'sarif-file']);
    for (const step of action.runs.steps) {
      expect(step.run).not.toMatch(/\$\{\{/);
      expect(step.shell).toBe('bash');
    }
    for (const [name, output] of Object.entries(action.outputs)) expect(output.value).toBe(`\${{ steps.nospof.outputs.${name} }}`);
  });

  it('annotates the findings, writes SARIF, sets the outputs and fails on an error', () => {
    const workspace = tempTree({ ...onlyMinReplicas, 'k8s/web.yaml': oneReplica });
    const result = runAction(workspace);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain('::error file=k8s/web.yaml,line=6,col=13,endColumn=14,endLine=6,title=kubernetes/min-replicas::Deployment "web" runs 1 replica(s)');
    expect(result.outputs).toEqual({ errors: '1', warnings: '0', infos: '0', suppressed: '0', 'sarif-file': join(workspace, 'nospof.sarif') });
    const sarif = JSON.parse(readFileSync(join(workspace, 'nospof.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    expect(sarifErrors(sarif)).toEqual([]);
    expect(sarif.runs[0]!.results).toHaveLength(1);
    expect(result.summary).toContain('| error | `k8s/web.yaml:6:13` |');
  });

  it('passes with fail-on: never and still reports', () => {
    const workspace = tempTree({ ...onlyMinReplicas, 'k8s/web.yaml': oneReplica });
    const result = runAction(workspace, { 'fail-on': 'never' });
    expect(result.status).toBe(0);
    expect(result.outputs.errors).toBe('1');
    expect(result.stdout).toContain('::error file=k8s/web.yaml');
  });

  it('fail-on: warning fails on a warning that fail-on: error lets through', () => {
    const workspace = tempTree({ '.nospof.yaml': 'extends: []\nrules: { kubernetes/min-replicas: warning }\n', 'web.yaml': oneReplica });
    expect(runAction(workspace).status).toBe(0);
    const strict = runAction(workspace, { 'fail-on': 'warning' });
    expect(strict.status).toBe(1);
    expect(strict.outputs.warnings).toBe('1');
    expect(strict.stdout).toContain('::warning file=web.yaml');
  });

  it('lints only the given paths with the given config, without annotations or SARIF when turned off', () => {
    const workspace = tempTree({
      'ci/nospof.yaml': 'extends: []\nrules: { kubernetes/min-replicas: error }\n',
      'prod/web.yaml': oneReplica,
      'dev/web.yaml': oneReplica,
    });
    const result = runAction(workspace, { paths: 'prod/\n', config: 'ci/nospof.yaml', annotations: 'false', 'sarif-file': '' });
    expect(result.status).toBe(1);
    expect(result.stdout).not.toContain('::error file=');
    expect(result.outputs).toMatchObject({ errors: '1', 'sarif-file': '' });
    expect(existsSync(join(workspace, 'nospof.sarif'))).toBe(false);
  });

  it('treats inputs as data: shell syntax in them never runs', () => {
    const workspace = tempTree({ ...onlyMinReplicas, 'web.yaml': oneReplica });
    const result = runAction(workspace, { paths: '$(touch pwned) `touch pwned2` ;touch pwned3', 'fail-on': 'never' });
    expect(existsSync(join(workspace, 'pwned'))).toBe(false);
    expect(existsSync(join(workspace, 'pwned2'))).toBe(false);
    expect(existsSync(join(workspace, 'pwned3'))).toBe(false);
    // Those "paths" match no file: a gate that checks nothing fails instead of passing.
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('::error title=nospof::nospof: no file nospof reads matches "$(touch", "pwned)", "`touch"');
  });

  it('rejects a bad input with an error annotation', () => {
    const workspace = tempTree({ ...onlyMinReplicas, 'web.yaml': oneReplica });
    const result = runAction(workspace, { 'fail-on': 'sometimes' });
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('::error title=nospof::fail-on must be one of error, warning, info, never, not "sometimes"');
  });

  it('a configuration error fails the step with nospof\'s message', () => {
    const workspace = tempTree({ '.nospof.yaml': 'rulez: {}\n', 'web.yaml': oneReplica });
    const result = runAction(workspace);
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/::error title=nospof::nospof: invalid configuration%0A.*rulez: unknown key/);
  });

  describe('from a checkout without a build', () => {
    /** The action's files without packages/cli/dist, and an `npm` on the PATH standing in for the real one. */
    function checkout(npmScript: string): { actionPath: string; binDir: string } {
      const actionPath = tempTree({ 'action.yml': readFileSync(join(repo, 'action.yml'), 'utf8'), 'action/run.mjs': readFileSync(join(repo, 'action/run.mjs'), 'utf8') });
      const binDir = tempTree({ npm: npmScript });
      chmodSync(join(binDir, 'npm'), 0o755);
      return { actionPath, binDir };
    }

    it('builds nospof there with npm ci, in a folded log group, then lints', () => {
      const built = join(repo, 'packages/cli');
      const { actionPath, binDir } = checkout(
        `#!/bin/sh\n[ "$1" = ci ] || exit 3\necho "npm $*" > npm-ran\nmkdir -p packages/cli/dist packages/cli/bin\ncp -R "${built}/dist/bundle" packages/cli/dist/ && cp "${built}/bin/nospof.js" packages/cli/bin/ && cp "${built}/package.json" packages/cli/\n`,
      );
      const workspace = tempTree({ 'k8s/web.yaml': oneReplica });
      const result = runAction(workspace, { 'sarif-file': '' }, actionPath, `${binDir}${delimiter}`);
      expect(readFileSync(join(actionPath, 'npm-ran'), 'utf8')).toBe('npm ci --no-audit --no-fund\n');
      expect(result.stdout).toMatch(/^::group::Building nospof\n::endgroup::\n/);
      expect(result.status, result.stderr).toBe(1);
      expect(result.stdout).toContain('title=kubernetes/min-replicas::');
    });

    it('passes --no-plugins unless the plugins input is true', () => {
      // A stand-in for the built CLI that records its arguments and reports one clean file.
      const fake = `import { appendFileSync, writeFileSync } from 'node:fs';
const args = process.argv.slice(2);
appendFileSync(new URL('../../../argv.log', import.meta.url), JSON.stringify(args) + '\\n');
const out = args[args.indexOf('--output-file') + 1];
if (args.includes('--output-file')) writeFileSync(out, args[args.indexOf('--format') + 1] === 'json' ? '[{"file":"web.yaml","findings":[]}]' : '');
`;
      const { actionPath, binDir } = checkout(`#!/bin/sh\nmkdir -p packages/cli/dist/bundle packages/cli/bin\ntouch packages/cli/dist/bundle/index.mjs\ncat > packages/cli/bin/nospof.js <<'EOF'\n${fake}EOF\n`);
      const workspace = tempTree({ 'web.yaml': oneReplica });
      const flags = (inputs: Record<string, string>) => {
        writeFileSync(join(actionPath, 'argv.log'), '');
        const result = runAction(workspace, inputs, actionPath, `${binDir}${delimiter}`);
        expect(result.status, result.stdout + result.stderr).toBe(0);
        return readFileSync(join(actionPath, 'argv.log'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as string[]);
      };
      const runs = flags({});
      expect(runs.length).toBeGreaterThanOrEqual(3);
      for (const args of runs) expect(args).toContain('--no-plugins');
      for (const args of flags({ plugins: 'true' })) expect(args).not.toContain('--no-plugins');
      expect(runAction(workspace, { plugins: 'yes' }, actionPath, `${binDir}${delimiter}`).stdout).toContain('::error title=nospof::plugins must be true or false, not "yes"');
    });

    it('fails with the reason when the build fails', () => {
      const { actionPath, binDir } = checkout('#!/bin/sh\necho "npm ERR! network" >&2\nexit 1\n');
      const result = runAction(tempTree({ 'web.yaml': oneReplica }), {}, actionPath, `${binDir}${delimiter}`);
      expect(result.status).toBe(2);
      expect(result.stdout).toContain(`::error title=nospof::could not build nospof in ${actionPath} (npm ci exited with 1)`);
    });
  });
});
