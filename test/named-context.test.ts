import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { tempTree } from './helpers/temp-tree.js';

// Naming a file must never hide its findings: a finding whose line to change is in another file (the
// module call, the overlay's patch) is reported when its trail passes through the named file, and the
// formats that carry one location say which named file it was reported for.

const repository = {
  '.git/HEAD': 'ref: refs/heads/main\n',
  '.nospof.yaml': 'extends: []\nrules: { terraform/aws-db-multi-az: error }\n',
  'modules/db/main.tf': 'variable "multi_az" {\n  type = bool\n}\n\nresource "aws_db_instance" "this" {\n  engine   = "postgres"\n  multi_az = var.multi_az\n}\n',
  'envs/prod/main.tf': 'module "db" {\n  source   = "../../modules/db"\n  multi_az = false\n}\n',
};

describe('a file named alone keeps the findings whose trail passes through it', () => {
  it('the module file named alone reports the finding at the caller, and exits 1', async () => {
    const root = tempTree(repository);
    const run = await runCli(['--format', 'compact', 'modules/db/main.tf'], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('envs/prod/main.tf:3:');
    expect(run.stdout).toContain('terraform/aws-db-multi-az');
    expect(run.stdout).toContain('(reported for modules/db/main.tf)');
  });

  it('GitHub annotations and checkstyle say which named file the finding was reported for', async () => {
    const root = tempTree(repository);
    const github = await runCli(['--format', 'github', 'modules/db/main.tf'], root);
    expect(github.stdout).toMatch(/^::error file=envs\/prod\/main\.tf,line=3.*\(reported for modules\/db\/main\.tf\)$/m);
    const checkstyle = await runCli(['--format', 'checkstyle', 'modules/db/main.tf'], root);
    expect(checkstyle.stdout).toContain('(reported for modules/db/main.tf)');
  });

  it('the caller named alone reports it too, without a note (it stands in the named file)', async () => {
    const root = tempTree(repository);
    const run = await runCli(['--format', 'compact', 'envs/prod/main.tf'], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('envs/prod/main.tf:3:');
    expect(run.stdout).not.toContain('reported for');
  });
});
