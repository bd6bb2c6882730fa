import { describe, expect, it } from 'vitest';
import { lintTerraform, where } from './lint.js';

// `terraform show -json plan.out > plan.json` next to the sources.
const plan = JSON.stringify(
  {
    format_version: '1.2',
    terraform_version: '1.9.0',
    planned_values: {
      root_module: {
        resources: [{ address: 'aws_db_instance.orders', mode: 'managed', type: 'aws_db_instance', name: 'orders', values: { engine: 'postgres', multi_az: false, backup_retention_period: 7 } }],
      },
    },
  },
  null,
  2,
);
const main = 'variable "ha" {}\nresource "aws_db_instance" "orders" {\n  engine                  = "postgres"\n  multi_az                = var.ha\n  backup_retention_period = 7\n}\n';

describe('a file named alone is judged with its unit as context, and never hides its findings', () => {
  it('plan.json named alone: the finding maps onto main.tf and carries the plan resource, so it is reported', () => {
    const { findings } = lintTerraform({ 'plan.json': plan }, { 'main.tf': main });
    expect(findings.map(where)).toEqual(['main.tf:4:29 terraform/aws-db-multi-az']);
    const line = plan.split('\n').findIndex((l) => l.includes('"address"')) + 1;
    expect(findings[0]?.related?.map((r) => `${r.file}:${r.range.start.line} ${r.message}`)).toContain(`plan.json:${line} planned as aws_db_instance.orders`);
  });

  it('plan.json and main.tf both named: the same finding, once', () => {
    const { findings } = lintTerraform({ 'plan.json': plan, 'main.tf': main });
    expect(findings.map(where)).toEqual(['main.tf:4:29 terraform/aws-db-multi-az']);
  });

  const module = {
    'modules/db/variables.tf': 'variable "multi_az" {\n  type = bool\n}\n',
    'modules/db/main.tf': 'resource "aws_db_instance" "this" {\n  engine                  = "postgres"\n  multi_az                = var.multi_az\n  backup_retention_period = 7\n}\n',
  };
  const caller = { 'envs/prod/main.tf': 'module "db" {\n  source   = "../../modules/db"\n  multi_az = false\n}\n' };

  it("a module's main.tf named alone while the deciding value sits at the module call: still reported, at the call", () => {
    const { findings } = lintTerraform({ 'modules/db/main.tf': module['modules/db/main.tf'] }, { ...caller, 'modules/db/variables.tf': module['modules/db/variables.tf'] });
    expect(findings.map(where)).toEqual(['envs/prod/main.tf:3:14 terraform/aws-db-multi-az']);
    expect(findings[0]?.related?.some((r) => r.file === 'modules/db/main.tf')).toBe(true);
  });

  it('the caller named alone (the line that changed): the module is judged from its call', () => {
    const { findings } = lintTerraform(caller, module);
    expect(findings.map(where)).toEqual(['envs/prod/main.tf:3:14 terraform/aws-db-multi-az']);
  });

  it('variables.tf named alone: the finding its default decides is reported there, though the resource is in main.tf', () => {
    const variables = 'variable "ha" {\n  type    = bool\n  default = false\n}\n';
    const { findings } = lintTerraform({ 'variables.tf': variables }, { 'main.tf': main.replace('variable "ha" {}\n', '') });
    expect(findings.map(where)).toEqual(['variables.tf:3:13 terraform/aws-db-multi-az']);
  });

  it('a file of an unrelated unit named alone reports nothing of the others', () => {
    const { findings } = lintTerraform({ 'envs/dev/main.tf': 'resource "aws_efs_file_system" "shared" {\n  encrypted = true\n}\n' }, { ...caller, ...module });
    expect(findings.map(where)).toEqual([]);
  });
});
