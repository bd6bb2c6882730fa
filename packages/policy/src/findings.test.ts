import { describe, expect, it } from 'vitest';
import { bound, MAX_MESSAGE_LENGTH, policyFindings } from './findings.js';
import { at, unit } from './test-support/units.js';

describe('placing policy results', () => {
  const u = unit(
    [
      {
        id: 'module.db.aws_db_instance.this',
        type: 'aws_db_instance',
        file: 'modules/db/main.tf',
        line: 3,
        attributes: { backup_retention_period: 1, tags: {} },
        written: {
          backup_retention_period: { file: 'envs/prod/terraform.tfvars', line: 7, trail: [{ file: 'envs/prod/main.tf', range: at(12, 3), message: 'passed to module "db" here' }] },
          tags: 20,
        },
      },
      { id: 'aws_backup_plan.main', type: 'aws_backup_plan', file: 'envs/prod/backup.tf', line: 1 },
    ],
    'terraform',
    ['envs/prod/main.tf', 'envs/prod/terraform.tfvars', 'modules/db/main.tf'],
  );

  it('lands where the value was written, with the trail and the resource as related locations', () => {
    const [finding] = policyFindings(u, [{ ruleId: 'opa/nospof/deny', severity: 'error', message: 'one day of backups', resource: 'module.db.aws_db_instance.this', path: ['backup_retention_period'], compliance: ['SOC2:A1.2'] }]);
    expect(finding).toMatchObject({ file: 'envs/prod/terraform.tfvars', range: { start: { line: 7, column: 5 } }, resource: 'module.db.aws_db_instance.this', compliance: ['SOC2:A1.2'] });
    expect(finding?.related?.map((r) => [r.file, r.range.start.line, r.message])).toEqual([
      ['envs/prod/main.tf', 12, 'passed to module "db" here'],
      ['modules/db/main.tf', 3, 'module.db.aws_db_instance.this is declared here'],
    ]);
  });

  it('falls back to the nearest written parent, then to the resource, then to the unit entry file', () => {
    const place = (resource: string | undefined, path?: (string | number)[]) => {
      const [f] = policyFindings(u, [{ ruleId: 'opa/x', severity: 'warning', message: 'm', ...(resource ? { resource } : {}), ...(path ? { path } : {}) }]);
      return `${f?.file}:${f?.range.start.line}`;
    };
    expect(place('module.db.aws_db_instance.this', ['tags', 'team'])).toBe('modules/db/main.tf:20');
    expect(place('module.db.aws_db_instance.this', ['multi_az'])).toBe('modules/db/main.tf:3');
    expect(place('module.db.aws_db_instance.this')).toBe('modules/db/main.tf:3');
    expect(place('aws_db_instance.not_in_this_unit')).toBe('envs/prod/main.tf:1');
    expect(place(undefined)).toBe('envs/prod/main.tf:1');
  });

  it('bounds untrusted message text and keeps it otherwise as written', () => {
    expect(bound('a <b> & "c"')).toBe('a <b> & "c"');
    const long = bound('😀'.repeat(MAX_MESSAGE_LENGTH));
    expect(long.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH + 1);
    expect(long.endsWith('…')).toBe(true);
    expect(long).not.toMatch(/[\ud800-\udbff]…$/);
  });
});
