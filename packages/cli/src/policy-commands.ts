import { allRules, asConfigError, Nospof, PolicyLoadError, type AnyRule, type PolicyTestReport } from '@nospof/api';
import { UsageError, type PolicySource } from './args.js';
import type { Io } from './lint-command.js';
import { terminalText } from './terminal-text.js';

function nospofFor(source: PolicySource, io: Io): Nospof {
  return new Nospof({ cwd: io.cwd, plugins: source.plugins, ...(source.config !== undefined ? { config: source.config } : {}) });
}

/**
 * The rules of the policies and plugins the configuration of the working directory names. A broken
 * configuration does not hide the built-in rules: it is reported on stderr and only they are listed.
 */
export async function configuredRules(source: PolicySource, io: Io): Promise<AnyRule[]> {
  const builtin = new Set(allRules);
  try {
    return (await nospofFor(source, io).rulesFor('.')).filter((r) => !builtin.has(r));
  } catch (error) {
    if (!asConfigError(error) && !(error instanceof PolicyLoadError)) throw error;
    io.stderr(`nospof: warning: the configuration's policies and plugins are not listed: ${terminalText((error as Error).message)}\n`);
    return [];
  }
}

/**
 * `nospof input <file>`: the exact JSON document a policy receives as `input` for the file's deployment
 * unit, to write and `opa test` Rego against. A file in several units (a kustomize base under two
 * overlays) prints an array, unless `--unit` picks one.
 */
export async function runInput(path: string, unit: string | undefined, source: PolicySource, io: Io): Promise<number> {
  const inputs = await nospofFor(source, io).policyInputFor(path);
  if (inputs.length === 0) throw new UsageError(`${path}: its language gives policies no input yet`);
  // one file may be read by two languages with the same unit id (an Alertmanager Secret is a manifest
  // and an alert routing config): `--unit <language>:<id>` names one of them
  const named = (i: (typeof inputs)[number]): string => `${i.language}:${i.unit}`;
  const chosen = unit === undefined ? inputs : inputs.filter((i) => i.unit === unit || named(i) === unit);
  if (chosen.length === 0) throw new UsageError(`${path} is in no unit "${unit}"; its units: ${inputs.map(named).join(', ')}`);
  if (chosen.length > 1) {
    const ambiguous = new Set(chosen.map((i) => i.unit)).size < chosen.length;
    const ids = chosen.map((i) => terminalText(ambiguous ? named(i) : i.unit)).join(', ');
    io.stderr(`nospof: ${terminalText(path)} is in ${chosen.length} deployment units (${ids}); printing each, --unit <${ambiguous ? 'language:id' : 'id'}> picks one\n`);
  }
  io.stdout(`${JSON.stringify(chosen.length === 1 ? chosen[0] : chosen, null, 2)}\n`);
  return 0;
}

/** `nospof test-policies [files]`: the `tests:` snippets of declarative policies, as `opa test` runs Rego tests. */
export async function runTestPolicies(files: readonly string[], source: PolicySource, io: Io): Promise<number> {
  const report = await nospofFor(source, io).testPolicies(files);
  if (report.cases.length === 0) {
    const where = report.files.length === 0 ? 'the configuration names no declarative policy file' : `${report.files.join(', ')} hold no tests: snippets`;
    io.stderr(`nospof: no policy tests ran: ${terminalText(where)} (Rego policies are tested with \`opa test\`)\n`);
    return 2;
  }
  io.stdout(formatReport(report));
  return report.failed > 0 ? 1 : 0;
}

function formatReport(report: PolicyTestReport): string {
  const lines: string[] = [];
  for (const c of report.cases) {
    const where = c.line === undefined ? c.file : `${c.file}:${c.line}`;
    const name = c.name === undefined ? '' : ` (${c.name})`;
    lines.push(terminalText(`${c.ok ? 'PASS' : 'FAIL'}  ${where}  ${c.policy} ${c.kind} #${c.index}${name}`));
    if (c.ok) continue;
    if (c.message) lines.push(terminalText(`      ${c.message}`));
    for (const f of c.findings) lines.push(terminalText(`      finding: ${f}`));
    for (const s of c.skipped) lines.push(terminalText(`      skipped: ${s}`));
  }
  lines.push('', `${report.passed} passed, ${report.failed} failed`);
  return `${lines.join('\n')}\n`;
}
