import { describe, expect, it } from 'vitest';
import { Linter, type ResolvedConfig } from '@nospof/core';
import { terraformLanguage } from '@nospof/terraform';
import { terraformRules } from './index.js';

function lintAll(files: Record<string, string>) {
  const config: ResolvedConfig = {
    rules: new Map(terraformRules.map((r) => [r.meta.id, { severity: r.meta.severity, options: r.meta.defaultOptions as readonly unknown[] }])),
    disabled: new Set(),
    settings: {},
  };
  return new Linter([terraformLanguage], terraformRules)
    .lint({ files: Object.entries(files).map(([path, text]) => ({ path, text })), configFor: () => config })
    .results.flatMap((r) => r.findings);
}

describe('every Terraform rule on hostile input', () => {
  it('gives parse errors, never an internal error, for deep nesting, a lone brace and an open heredoc', () => {
    const findings = lintAll({
      'deep.tf': `resource "aws_db_instance" "a" {\n  multi_az = ${'('.repeat(20000)}true${')'.repeat(20000)}\n}\n`,
      'brace.tf': '}\nresource "aws_db_instance" "b" {\n  multi_az = true\n}\n',
      'heredoc.tf': 'resource "aws_instance" "c" {\n  user_data = <<EOT\necho hi\n',
      'blocks.tf': `resource "aws_s3_bucket" "d" {\n${'  x {\n'.repeat(3000)}${'  }\n'.repeat(3000)}}\n`,
      ...Object.fromEntries(
        Array.from({ length: 24 }, (_, i) => [
          `m${i}/main.tf`,
          i === 23 ? 'resource "aws_instance" "leaf" {\n  ami = "ami-1"\n}\n' : `module "a" {\n  source = "../m${i + 1}"\n}\nmodule "b" {\n  source = "../m${i + 1}"\n}\n`,
        ]),
      ),
      'cycle.tf': 'module "self" {\n  source = "./"\n}\nresource "aws_db_instance" "e" {\n  multi_az = module.self.x\n}\noutput "x" {\n  value = aws_db_instance.e.multi_az\n}\n',
    });
    expect(findings.filter((f) => f.ruleId === 'nospof/internal-error').map((f) => f.message)).toEqual([]);
    expect(findings.some((f) => f.ruleId === 'parse-error' && f.file === 'brace.tf')).toBe(true);
    expect(findings.some((f) => f.ruleId === 'parse-error' && f.file === 'heredoc.tf')).toBe(true);
  });
});
