import { describe, expect, it } from 'vitest';
import { Linter, type ResolvedConfig } from '@nospof/core';
import { terraformLanguage } from '@nospof/terraform';
import multiAz from '../aws-db-multi-az.js';
import { dedupe, withName } from './report.js';

describe('reportInstance', () => {
  it('puts a finding decided by a caller on the caller argument, with the module as the trail', () => {
    const config: ResolvedConfig = { rules: new Map([[multiAz.meta.id, { severity: 'error', options: [] }]]), disabled: new Set(), settings: {} };
    const run = new Linter([terraformLanguage], [multiAz]).lint({
      files: [
        { path: 'main.tf', text: 'module "orders" {\n  source = "./db"\n  ha     = false\n}\n' },
        { path: 'db/main.tf', text: 'variable "ha" {}\nresource "aws_db_instance" "this" {\n  multi_az = var.ha\n}\n' },
      ],
      configFor: () => config,
    });
    const findings = run.results.flatMap((r) => r.findings);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    // The caller's argument decided: the finding is on the value written there, the module is the trail.
    expect([finding?.file, finding?.range.start.line, finding?.range.start.column]).toEqual(['main.tf', 3, 12]);
    expect(finding?.resource).toBe('module.orders.aws_db_instance.this');
    expect(finding?.related?.map((r) => [r.file, r.range.start.line, r.message])).toEqual([
      ['db/main.tf', 3, 'read here'],
      ['db/main.tf', 2, 'the resource (module.orders.aws_db_instance.this)'],
      ['main.tf', 1, 'in this call of the module (module.orders)'],
    ]);
  });
});

describe('dedupe', () => {
  const at = (offset: number) => ({ start: { line: 1, column: offset + 1, offset }, end: { line: 1, column: offset + 2, offset: offset + 1 } });
  const place = (file: string, offset: number, message: string) => ({ file, node: { range: at(offset) }, message });

  it('drops the primary place and later repeats of a place, keeping the first message and the order', () => {
    const related = [place('a.tf', 5, 'one'), place('b.tf', 5, 'two'), place('a.tf', 5, 'three'), place('a.tf', 9, 'four'), place('a.tf', 0, 'five')];
    expect(dedupe(related, { file: 'a.tf', range: at(0) }).map((r) => r.message)).toEqual(['one', 'two', 'four']);
  });
});

describe('withName', () => {
  it('replaces the name where it stands among the keys, leaving the data it was given alone', () => {
    const data = { kind: 'db', name: 'this', zones: 1 };
    const named = withName(data, 'module.a.this');
    expect(Object.entries(named)).toEqual([['kind', 'db'], ['name', 'module.a.this'], ['zones', 1]]);
    expect(data.name).toBe('this');
  });
});
