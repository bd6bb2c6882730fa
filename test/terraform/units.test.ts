import { describe, expect, it } from 'vitest';
import { lintTerraform, where } from './lint.js';

// A module repository: the module at the root, examples calling it (terraform-aws-modules layout).
const moduleRoot = {
  'variables.tf': 'variable "multi_az" {\n  type    = bool\n  default = false\n}\n',
  'main.tf': 'resource "aws_db_instance" "this" {\n  engine                  = "postgres"\n  multi_az                = var.multi_az\n  backup_retention_period = 0\n}\n',
};

describe('Terraform deployment units in a module repository', () => {
  it('a module judged alone uses its defaults; the default is the line to change', () => {
    const { findings } = lintTerraform(moduleRoot);
    expect(findings.map(where).sort()).toEqual(['main.tf:4:29 terraform/aws-db-backup-retention', 'variables.tf:3:13 terraform/aws-db-multi-az']);
  });

  it('once an example calls it, the module is judged through the example only: nothing doubles', () => {
    const { findings } = lintTerraform({
      ...moduleRoot,
      'examples/simple/main.tf': 'module "db" {\n  source = "../../"\n}\n',
    });
    // The module's default decides for the example: the argument must be added to its module block.
    // The retention written inside the module is one finding, whoever calls it.
    expect(findings.map(where).sort()).toEqual(['examples/simple/main.tf:1:1 terraform/aws-db-multi-az', 'main.tf:4:29 terraform/aws-db-backup-retention']);
    const multiAz = findings.find((f) => f.ruleId === 'terraform/aws-db-multi-az');
    expect(multiAz?.related?.map((r) => `${r.file}:${r.range.start.line} ${r.message}`)).toEqual([
      'variables.tf:3 the variable default decides',
      'main.tf:3 read here',
      'main.tf:1 the resource (module.db.aws_db_instance.this)',
    ]);
  });

  it('two examples that agree on a finding inside the module give it once, with both trails', () => {
    const { findings } = lintTerraform({
      ...moduleRoot,
      'examples/a/main.tf': 'module "db" {\n  source   = "../../"\n  multi_az = true\n}\n',
      'examples/b/main.tf': 'module "database" {\n  source   = "../../"\n  multi_az = true\n}\n',
    });
    expect(findings.map(where)).toEqual(['main.tf:4:29 terraform/aws-db-backup-retention']);
    expect(findings[0]?.resource).toBe('aws_db_instance.this');
    expect(findings[0]?.related?.filter((r) => r.message.startsWith('in this call')).map((r) => `${r.file}:${r.range.start.line}`)).toEqual(['examples/a/main.tf:1', 'examples/b/main.tf:1']);
  });

  it('two examples reusing a name are two units: facts of one never excuse the other', () => {
    const service = (floor: number) =>
      `resource "aws_ecs_service" "api" {\n  name          = "api"\n  desired_count = 1\n}\n` +
      (floor > 0 ? `resource "aws_appautoscaling_target" "api" {\n  scalable_dimension = "ecs:service:DesiredCount"\n  resource_id        = "service/main/api"\n  min_capacity       = ${floor}\n}\n` : '');
    const { findings } = lintTerraform({ 'examples/a/main.tf': service(2), 'examples/b/main.tf': service(0) });
    expect(findings.map(where)).toEqual(['examples/b/main.tf:3:19 terraform/aws-ecs-service-count']);
  });

  it('one finding per count/for_each instance, with the key in the message and the resource', () => {
    const { findings } = lintTerraform({
      'main.tf': 'resource "aws_db_instance" "replica" {\n  count    = 2\n  engine   = "postgres"\n  multi_az = false\n  backup_retention_period = 7\n}\n',
    });
    expect(findings.map((f) => [where(f), f.resource, f.message])).toEqual([
      ['main.tf:4:14 terraform/aws-db-multi-az', 'aws_db_instance.replica[0]', 'DB instance "replica[0]" runs in a single Availability Zone (multi_az is false).'],
      ['main.tf:4:14 terraform/aws-db-multi-az', 'aws_db_instance.replica[1]', 'DB instance "replica[1]" runs in a single Availability Zone (multi_az is false).'],
    ]);
  });
});
