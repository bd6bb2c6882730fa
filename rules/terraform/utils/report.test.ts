import { describe, expect, it } from 'vitest';
import { Linter, type ResolvedConfig } from '@nospof/core';
import { terraformLanguage } from '@nospof/terraform';
import multiAz from '../aws-db-multi-az.js';

describe('reportInstance', () => {
  it('points a finding inside a module at the caller argument and the module block', () => {
    const config: ResolvedConfig = { rules: new Map([[multiAz.meta.id, { severity: 'error', options: [] }]]), disabled: new Set(), settings: {} };
    const run = new Linter([terraformLanguage], [multiAz]).lint({
      files: [
        { path: 'main.tf', text: 'module "orders" {\n  source = "./db"\n  ha     = false\n}\n' },
        { path: 'db/main.tf', text: 'variable "ha" {}\nresource "aws_db_instance" "this" {\n  multi_az = var.ha\n}\n' },
      ],
      configFor: () => config,
    });
    const [finding] = run.results.flatMap((r) => r.findings);
    expect(finding?.file).toBe('db/main.tf');
    expect(finding?.resource).toBe('module.orders.aws_db_instance.this');
    expect(finding?.related?.map((r) => [r.file, r.range.start.line, r.message])).toEqual([
      ['main.tf', 3, 'the value is set here'],
      ['main.tf', 1, 'in this call of the module (module.orders)'],
    ]);
  });
});
