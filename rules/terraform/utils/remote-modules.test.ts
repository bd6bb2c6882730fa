import { describe, expect, it } from 'vitest';
import { Linter, type ResolvedConfig } from '@nospof/core';
import { terraformLanguage } from '@nospof/terraform';
import multiAz from '../aws-db-multi-az.js';

// The module manifest is JSON: lint with Terraform alone (as the CLI, which asks Terraform first), so no
// catch-all JSON language claims it.
function lint(files: Record<string, string>) {
  const config: ResolvedConfig = { rules: new Map([[multiAz.meta.id, { severity: 'error', options: [] }]]), disabled: new Set(), settings: {} };
  return new Linter([terraformLanguage], [multiAz])
    .lint({ files: Object.entries(files).map(([path, text]) => ({ path, text })), configFor: () => config })
    .results.flatMap((r) => r.findings);
}

const manifest = '{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"db","Source":"registry.terraform.io/terraform-aws-modules/rds/aws","Version":"6.10.0","Dir":".terraform/modules/db"}]}';
const installed = 'variable "multi_az" {\n  default = false\n}\nresource "aws_db_instance" "this" {\n  multi_az = var.multi_az\n}\n';

describe('registry modules installed by terraform init', () => {
  it('are judged inside with the caller inputs and reported on the module block', () => {
    const findings = lint({
      'main.tf': 'module "db" {\n  source  = "terraform-aws-modules/rds/aws"\n  version = "6.10.0"\n}\n',
      '.terraform/modules/modules.json': manifest,
      '.terraform/modules/db/main.tf': installed,
    });
    expect(findings.map((f) => [f.file, f.range.start.line, f.resource])).toEqual([['main.tf', 1, 'module.db.aws_db_instance.this']]);
    // The installed module's default decided, read by the resource: both are on the trail.
    expect(findings[0]?.related?.map((r) => [r.file, r.range.start.line, r.message])).toEqual([
      ['.terraform/modules/db/main.tf', 2, 'the variable default decides'],
      ['.terraform/modules/db/main.tf', 5, 'read here'],
      ['.terraform/modules/db/main.tf', 4, 'the resource (module.db.aws_db_instance.this)'],
    ]);
  });

  it('land on the caller argument that set the value', () => {
    const findings = lint({
      'main.tf': 'module "db" {\n  source   = "terraform-aws-modules/rds/aws"\n  multi_az = false\n}\n',
      '.terraform/modules/modules.json': manifest,
      '.terraform/modules/db/main.tf': installed,
    });
    expect(findings.map((f) => [f.file, f.range.start.line, f.range.start.column])).toEqual([['main.tf', 3, 14]]);
  });

  it('pass when the caller sets the input', () => {
    const findings = lint({
      'main.tf': 'module "db" {\n  source   = "terraform-aws-modules/rds/aws"\n  multi_az = true\n}\n',
      '.terraform/modules/modules.json': manifest,
      '.terraform/modules/db/main.tf': installed,
    });
    expect(findings).toEqual([]);
  });

  it('honour a suppression on the module block', () => {
    const findings = lint({
      'main.tf': '# nospof-ignore terraform/aws-db-multi-az -- staging copy\nmodule "db" {\n  source = "terraform-aws-modules/rds/aws"\n}\n',
      '.terraform/modules/modules.json': manifest,
      '.terraform/modules/db/main.tf': installed,
    });
    expect(findings.map((f) => [f.file, f.suppressed?.reason])).toEqual([['main.tf', 'staging copy']]);
  });
});
