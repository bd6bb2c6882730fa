import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RuleRegistry, ruleDocFile, type AnyRule } from '@nospof/api';
import { UsageError } from './args.js';
import { FRAMEWORKS, rulesByControl, type Framework } from './formatters/compliance.js';
import { terminalText } from './terminal-text.js';

/**
 * `nospof rules`: every rule with its preset, default severity and whether it fixes; then `configured`,
 * the rules of the policies and plugins the configuration names (their text comes from the repository).
 */
export function rulesTable(rules: readonly AnyRule[], format: string, configured: readonly AnyRule[] = []): string {
  const rows = [...rules.filter((r) => r.meta.language !== '*'), ...configured]
    .map((r) => ({ id: r.meta.id, preset: r.meta.docs.preset, severity: r.meta.severity, fixable: r.meta.fixable, description: r.meta.docs.description }));
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const width = Math.max(...rows.map((r) => r.id.length), 4);
  const header = `${'rule'.padEnd(width)}  preset       severity  fix  description`;
  const lines = rows.map((r) => terminalText(`${r.id.padEnd(width)}  ${r.preset.padEnd(11)}  ${r.severity.padEnd(8)}  ${r.fixable ? 'yes' : '   '}  ${r.description}`));
  return `${header}\n${lines.join('\n')}\n\n${rows.length} rules; presets: nospof:recommended, nospof:strict (strict adds the rest).\n`;
}

/** `nospof rules --compliance [framework]`: for each control, the rules whose findings evidence it. */
export function complianceTable(rules: readonly AnyRule[], framework: Framework | 'all', format: string): string {
  const rows = rulesByControl(rules, framework === 'all' ? undefined : framework).map(({ control, rules: ids }) => ({
    framework: control.framework ?? null,
    control: control.id,
    tag: control.tag,
    title: control.title,
    rules: ids,
  }));
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const out: string[] = [];
  for (const row of rows) {
    const name = row.framework ? FRAMEWORKS[row.framework].name : 'other';
    out.push(`${name} ${row.control} — ${row.title} (${row.rules.length} rule${row.rules.length === 1 ? '' : 's'})`);
    for (const id of row.rules) out.push(`  ${id}`);
    out.push('');
  }
  return `${out.join('\n')}Tags in findings: ${rows.map((r) => r.tag).join(', ')}.\n`;
}

/** `nospof explain <rule>`: the rule's documentation page, as written, in the terminal. */
export function explainRule(rules: readonly AnyRule[], id: string): string {
  const registry = new RuleRegistry(rules);
  const rule = registry.get(id);
  if (!rule) {
    const hint = registry.suggest(id);
    throw new UsageError(`unknown rule "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}; \`nospof rules\` lists them`);
  }
  const m = rule.meta;
  let body = '';
  try {
    body = readFileSync(ruleDocFile(m.id), 'utf8')
      .replace(/^---\n[\s\S]*?\n---\n/, '')
      .replace(/^<!--.*-->\n/gm, '');
  } catch {
    body = `# ${m.id}\n\n${m.docs.description}\n\nWhy: ${m.docs.rationale}\n\nFix: ${m.docs.remediation}\n`;
  }
  const facts = [
    `preset: ${m.docs.preset}   default severity: ${m.severity}   fixable: ${m.fixable ? 'yes' : 'no'}`,
    m.docs.compliance.length > 0 ? `compliance: ${m.docs.compliance.join(', ')}` : '',
    `options: ${JSON.stringify(m.defaultOptions)}`,
  ].filter((l) => l !== '');
  return `${body.trim()}\n\n${facts.join('\n')}\n`;
}

/** `nospof init`: a commented starting config. */
export function writeInitialConfig(cwd: string, preset: string, force: boolean): string {
  const path = join(cwd, '.nospof.yaml');
  if (existsSync(path) && !force) throw new UsageError('.nospof.yaml already exists (use --force to overwrite it)');
  writeFileSync(
    path,
    `# yaml-language-server: $schema=./node_modules/nospof/nospof-config.schema.json
# nospof configuration. "nospof rules" lists the rules; "nospof explain <rule>" documents one.
# Presets: nospof:recommended (high-confidence rules) or nospof:strict (every rule, stricter options).
extends: [nospof:${preset}]

# Change a rule's severity (off | info | warning | error) or its options:
rules: {}
#  kubernetes/min-replicas: [error, { min: 3 }]
#  github-actions/job-timeout: off

# Different rules for some paths, e.g. development environments:
overrides: []
#  - files: ['envs/dev/**']
#    rules: { terraform/aws-db-multi-az: off }

# Files never linted (.gitignore is always respected):
ignore: []
#  - vendor/**

settings: {}
#  github-actions:
#    runnerPools: { gpu-box: 1, linux-x64: 12 }   # self-hosted label -> number of runners
#  jenkins:
#    agentPools: { arm4: 1 }                      # agent label -> number of agents
#  securityScanners: { min: 2 }
`,
  );
  return path;
}
