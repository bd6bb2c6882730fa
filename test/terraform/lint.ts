import { Linter, type Finding, type ResolvedConfig } from '@nospof/core';
import { terraformLanguage } from '@nospof/terraform';
import { terraformRules } from '../../rules/terraform/index.js';

/** Lints with every Terraform rule at its defaults: `files` are reported on, `context` is read for facts (a file named alone). */
export function lintTerraform(files: Record<string, string>, context: Record<string, string> = {}): { findings: Finding[]; skipped: ReturnType<Linter['lint']>['skipped'] } {
  const config: ResolvedConfig = {
    rules: new Map(terraformRules.map((r) => [r.meta.id, { severity: r.meta.severity, options: r.meta.defaultOptions as readonly unknown[] }])),
    disabled: new Set(),
    settings: {},
  };
  const run = new Linter([terraformLanguage], terraformRules).lint({
    files: Object.entries(files).map(([path, text]) => ({ path, text })),
    contextFiles: Object.entries(context).map(([path, text]) => ({ path, text })),
    configFor: () => config,
  });
  return { findings: run.results.flatMap((r) => r.findings), skipped: run.skipped };
}

export function where(f: Finding): string {
  return `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId}`;
}
