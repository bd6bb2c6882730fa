import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { spreadDeployment as deployment } from '../rules/kubernetes/test-support/spread-deployment.js';
import { tempTree } from './helpers/temp-tree.js';

const pdb = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels: { app: web }
`;

const onlyMinReplicas = { '.nospof.yaml': 'extends: []\nrules: { kubernetes/min-replicas: error }\n' };

describe('a gate never passes because it checked nothing', () => {
  it('a path that does not exist exits 2', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'k8s/web.yaml': deployment(3) });
    const run = await runCli(['nonexistent/'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no file nospof reads matches "nonexistent/"');
  });

  it('a directory with no file nospof reads exits 2, and so does a glob that matches nothing', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'docs/readme.md': '# hi\n', 'k8s/web.yaml': deployment(3) });
    expect((await runCli(['docs/'], root)).code).toBe(2);
    expect((await runCli(['**/*.tf'], root)).code).toBe(2);
    expect((await runCli(['k8s/'], root)).code).toBe(0);
  });

  it('a directory whose files a language claims by name but are not its files exits 2', async () => {
    const root = tempTree({
      ...onlyMinReplicas,
      'lib/Helper.groovy': 'package org.example\n\nclass Helper {\n  def greet() { return "hi" }\n}\n',
      'site/mkdocs.yml': 'site_name: docs\nnav:\n  - index.md\n',
      'k8s/web.yaml': deployment(3),
    });
    expect((await runCli(['lib/'], root)).code).toBe(2);
    expect((await runCli(['site/'], root)).code).toBe(2);
    expect((await runCli(['k8s/', 'site/'], root)).code).toBe(2);
    expect((await runCli(['k8s/'], root)).code).toBe(0);
  });

  it('says why it passed over unrendered Helm templates: alone they exit 2, beside manifests a warning', async () => {
    const template = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "web.fullname" . }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n';
    const root = tempTree({
      ...onlyMinReplicas,
      'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
      'chart/templates/deployment.yaml': template,
      'chart/templates/service.yaml': template.replace('Deployment', 'Service'),
      'k8s/web.yaml': deployment(3),
    });
    const alone = await runCli(['chart/'], root);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('passed over 2 files (chart/templates/deployment.yaml and 1 more): an unrendered Helm template');
    expect(alone.stderr).toContain('helm template <chart> | nospof --stdin');
    const mixed = await runCli([], root);
    expect(mixed.code).toBe(0);
    expect(mixed.stderr).toContain('passed over 2 files (chart/templates/deployment.yaml and 1 more): an unrendered Helm template');
  });

  it('Terragrunt files running modules the scan does not hold checked nothing: exit 2, saying why', async () => {
    const live = 'terraform {\n  source = "git::https://example.com/modules.git//rds?ref=v1"\n}\ninputs = {\n  multi_az = false\n}\n';
    const root = tempTree({ 'live/prod/db/terragrunt.hcl': live, 'live/terragrunt.hcl': 'remote_state {\n  backend = "s3"\n}\n' });
    const run = await runCli(['live/'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no file nospof reads matches "live/"');
    expect(run.stderr).toContain('were read only for the files beside them');
    const withModule = tempTree({
      'live/prod/db/terragrunt.hcl': 'terraform {\n  source = "../../../modules/rds"\n}\n',
      'modules/rds/main.tf': 'resource "aws_db_instance" "db" {\n  multi_az = false\n}\n',
    });
    expect((await runCli(['.', '--format', 'json'], withModule)).code).toBe(1);
  });

  it('--no-error-on-unmatched-pattern allows it', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'k8s/web.yaml': deployment(3) });
    expect((await runCli(['--no-error-on-unmatched-pattern', 'nonexistent/', 'k8s/'], root)).code).toBe(0);
  });

  it('an unreadable --var-file exits 2', async () => {
    const root = tempTree({ 'main.tf': 'variable "x" {}\n' });
    const run = await runCli(['--var-file', 'missing.tfvars', '.'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--var-file missing.tfvars: no such file');
  });

  it('an unparsable --var-file exits 2 with its position', async () => {
    const root = tempTree({ 'main.tf': 'variable "x" {}\n', 'prod.tfvars': 'x = "ok"\ny = = 3\n' });
    const run = await runCli(['--var-file', 'prod.tfvars', '.'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--var-file prod\.tfvars:2:\d+: /);
  });

  it('--quiet hides warnings but still counts them for --max-warnings', async () => {
    const root = tempTree({ '.nospof.yaml': 'extends: []\nrules: { kubernetes/min-replicas: warning }\n', 'web.yaml': deployment(1) });
    const run = await runCli(['--quiet', '--max-warnings', '0', '.'], root);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(1);
    expect((await runCli(['--quiet', '.'], root)).code).toBe(0);
  });

  it('reports every configuration error of a run at once, with positions and suggestions', async () => {
    const root = tempTree({
      'a/.nospof.yaml': 'rulez: {}\n',
      'a/web.yaml': deployment(1),
      'b/.nospof.yaml': 'rules:\n  kubernetes/min-replica: error\n',
      'b/web.yaml': deployment(1),
    });
    const run = await runCli(['.'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('a/.nospof.yaml:1:1: rulez: unknown key (did you mean "rules"?)');
    expect(run.stderr).toContain('b/.nospof.yaml:2:3: rules.kubernetes/min-replica: unknown rule (did you mean "kubernetes/min-replicas"?)');
  });

  it('honours FORCE_COLOR, and NO_COLOR when it is not set', async () => {
    const root = tempTree({ ...onlyMinReplicas, 'web.yaml': deployment(1) });
    expect((await runCli(['.'], root, '', { env: { FORCE_COLOR: '1' } })).stdout).toContain('\u001b[');
    expect((await runCli(['.'], root, '', { isTTY: true, env: { FORCE_COLOR: '0' } })).stdout).not.toContain('\u001b[');
    expect((await runCli(['.'], root, '', { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });

  it('--print-config shows the rules, options and settings a file is linted with', async () => {
    const root = tempTree({
      '.nospof.yaml': "extends: []\nrules: { kubernetes/min-replicas: [error, { min: 3 }] }\noverrides:\n  - files: ['dev/**']\n    rules: { kubernetes/min-replicas: off }\nsettings: { github-actions: { runnerPools: { big: 1 } } }\n",
      'prod/web.yaml': deployment(1),
    });
    const prod = JSON.parse((await runCli(['--print-config', 'prod/web.yaml'], root)).stdout) as { rules: Record<string, unknown>; settings: unknown; configFile: string };
    expect(prod.rules['kubernetes/min-replicas']).toEqual(['error', { min: 3 }]);
    expect(prod.settings).toEqual({ 'github-actions': { runnerPools: { big: 1 } } });
    expect(prod.configFile).toMatch(/\.nospof\.yaml$/);
    const dev = JSON.parse((await runCli(['--print-config', 'dev/web.yaml', '--rule', 'kubernetes/require-pdb: warning'], root)).stdout) as { rules: Record<string, unknown>; disabled: string[] };
    expect(dev.rules['kubernetes/min-replicas']).toBeUndefined();
    expect(dev.disabled).toContain('kubernetes/min-replicas');
    expect(dev.rules['kubernetes/require-pdb']).toEqual(['warning']);
  });

  it('--rule merges options deeply with the configuration, above its overrides', async () => {
    const root = tempTree({ '.nospof.yaml': 'extends: []\nrules: { kubernetes/min-replicas: [error, { min: 3 }] }\n', 'web.yaml': deployment(2) });
    expect((await runCli(['.'], root)).code).toBe(1);
    expect((await runCli(['--rule', 'kubernetes/min-replicas: warning', '--fail-on', 'error', '.'], root)).code).toBe(0);
  });
});

describe('--stdin is a file like any other', () => {
  it('judges the text with the on-disk context of --stdin-filename (the PDB beside it)', async () => {
    const root = tempTree({ '.nospof.yaml': 'extends: []\nrules: { kubernetes/require-pdb: error }\n', 'k8s/app/pdb.yaml': pdb, 'k8s/app/deploy.yaml': deployment(3) });
    const beside = await runCli(['--stdin', '--stdin-filename', 'k8s/app/deploy.yaml'], root, deployment(3));
    expect(beside.code).toBe(0);
    const alone = await runCli(['--stdin', '--stdin-filename', 'elsewhere/deploy.yaml'], root, deployment(3));
    expect(alone.code).toBe(1);
    expect(alone.stdout).toContain('kubernetes/require-pdb');
  });

  it('uses the variables of the module the file belongs to', async () => {
    const root = tempTree({
      '.nospof.yaml': 'extends: []\nrules: { terraform/aws-db-multi-az: error }\n',
      'infra/variables.tf': 'variable "multi_az" {\n  default = false\n}\n',
      'infra/terraform.tfvars': 'multi_az = true\n',
      'infra/db.tf': 'resource "aws_db_instance" "main" {\n  multi_az = var.multi_az\n}\n',
    });
    const text = 'resource "aws_db_instance" "main" {\n  multi_az = var.multi_az\n}\n';
    expect((await runCli(['--stdin', '--stdin-filename', 'infra/db.tf'], root, text)).code).toBe(0);
  });
});
