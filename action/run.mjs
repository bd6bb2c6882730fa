// The GitHub Action's step (action.yml): lints the workspace with the nospof in the action's own
// directory, writes annotations (the `github` format) and a SARIF report, sets the step's outputs and
// fails per `fail-on`. Inputs arrive as environment variables mapped in action.yml, never as shell text.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const FAIL_ON = ['error', 'warning', 'info', 'never'];

/** A message the runner shows as an error annotation; GitHub's escaping keeps it one command. */
function fail(message, code = 2) {
  process.stdout.write(`::error title=nospof::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
  process.exit(code);
}

function env(name, fallback = '') {
  return process.env[name] ?? fallback;
}

const actionPath = env('GITHUB_ACTION_PATH', fileURLToPath(new URL('..', import.meta.url)));
const workspace = env('GITHUB_WORKSPACE', process.cwd());
const paths = env('NOSPOF_PATHS').split(/\s+/).filter((p) => p !== '');
const config = env('NOSPOF_CONFIG').trim();
const failOn = env('NOSPOF_FAIL_ON', 'error').trim() || 'error';
const sarifFile = env('NOSPOF_SARIF_FILE').trim();
const annotationsInput = env('NOSPOF_ANNOTATIONS', 'true').trim().toLowerCase();
const pluginsInput = env('NOSPOF_PLUGINS', 'false').trim().toLowerCase() || 'false';

if (Number(process.versions.node.split('.')[0]) < 20) fail(`nospof needs Node 20 or later on the runner, not ${process.version}; add actions/setup-node before this step.`);
if (!FAIL_ON.includes(failOn)) fail(`fail-on must be one of ${FAIL_ON.join(', ')}, not "${failOn}"`);
if (!['true', 'false'].includes(annotationsInput)) fail(`annotations must be true or false, not "${annotationsInput}"`);
if (!['true', 'false'].includes(pluginsInput)) fail(`plugins must be true or false, not "${pluginsInput}"`);

const cli = join(actionPath, 'packages/cli/bin/nospof.js');
ensureBuilt();

// Every run after the first reuses its results through the cache: one lint, several reports.
const scratch = mkdtempSync(join(env('RUNNER_TEMP', tmpdir()), 'nospof-'));
// Plugins and policy bundles run code the configuration names; a pull request can change the configuration.
const common = ['--cache', '--cache-location', join(scratch, 'cache'), ...(config ? ['--config', config] : []), ...(pluginsInput === 'true' ? [] : ['--no-plugins'])];
const target = ['--', ...paths];

const jsonPath = join(scratch, 'nospof.json');
const gate = nospof(['--format', 'json', '--output-file', jsonPath, '--fail-on', failOn, ...common, ...target], 'pipe');
if (gate.status !== 0 && gate.status !== 1) fail(gate.stderr.trim() || `nospof exited with ${gate.status ?? gate.signal}`);
process.stderr.write(gate.stderr);
const results = JSON.parse(readFileSync(jsonPath, 'utf8'));
// A gate that checked nothing must not pass: wrong `paths`, or a workspace without the files nospof reads.
if (results.length === 0) fail(`nospof found no file to check in ${paths.length === 0 ? 'the workspace' : paths.join(' ')}${gate.stderr.trim() ? `\n${gate.stderr.trim()}` : ''}`);
const counts = count(results);

if (sarifFile) report(['--format', 'sarif', '--output-file', sarifFile], 'pipe');
// The annotations are workflow commands on stdout, which the runner reads.
if (annotationsInput === 'true') report(['--format', 'github'], 'inherit');
const summary = env('GITHUB_STEP_SUMMARY');
if (summary) {
  const table = join(scratch, 'summary.md');
  report(['--format', 'markdown', '--output-file', table], 'pipe');
  appendFileSync(summary, readFileSync(table));
}

setOutputs({
  errors: String(counts.error),
  warnings: String(counts.warning),
  infos: String(counts.info),
  suppressed: String(counts.suppressed),
  'sarif-file': sarifFile ? resolve(workspace, sarifFile) : '',
});
process.stdout.write(`nospof: ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info, ${counts.suppressed} suppressed${failOn === 'never' ? '' : `; fail-on: ${failOn}`}\n`);
process.exit(gate.status);

function nospof(args, stdio) {
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: workspace, encoding: 'utf8', stdio: stdio === 'inherit' ? ['ignore', 'inherit', 'pipe'] : 'pipe', maxBuffer: 1024 ** 3 });
  if (run.error) fail(`could not run nospof: ${run.error.message}`);
  return run;
}

/** Another format of the same run (from the cache); the gate already decided the exit code. */
function report(args, stdio) {
  const run = nospof([...args, '--fail-on', 'never', ...common, ...target], stdio);
  if (run.status !== 0) fail(run.stderr.trim() || `nospof exited with ${run.status ?? run.signal}`);
}

/** The action runs from its checkout; build the bundle there once when the checkout has none. */
function ensureBuilt() {
  if (existsSync(join(actionPath, 'packages/cli/dist/bundle/index.mjs'))) return;
  process.stdout.write('::group::Building nospof\n');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: actionPath, stdio: ['ignore', 2, 2] });
  process.stdout.write('::endgroup::\n');
  if (npm.status !== 0 || !existsSync(join(actionPath, 'packages/cli/dist/bundle/index.mjs'))) fail(`could not build nospof in ${actionPath} (npm ci exited with ${npm.status})`);
}

function count(results) {
  const c = { error: 0, warning: 0, info: 0, suppressed: 0 };
  for (const finding of results.flatMap((r) => r.findings)) {
    if (finding.suppressed) c.suppressed++;
    else c[finding.severity]++;
  }
  return c;
}

/** `name<<delimiter` blocks in $GITHUB_OUTPUT: a value can never end the block and set another output. */
function setOutputs(values) {
  const file = env('GITHUB_OUTPUT');
  if (!file) return;
  for (const [name, value] of Object.entries(values)) {
    let delimiter;
    do delimiter = `nospof_${randomBytes(12).toString('hex')}`;
    while (value.includes(delimiter));
    appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
  }
}
