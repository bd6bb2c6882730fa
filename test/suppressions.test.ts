import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { tempTree } from './helpers/temp-tree.js';

const config = { '.nospof.yaml': 'extends: []\nrules: { kubernetes/min-replicas: error, terraform/aws-db-multi-az: error, jenkins/no-controller-builds: error }\n' };

async function findings(files: Record<string, string>) {
  const result = await runCli(['--format', 'json'], tempTree({ ...config, ...files }));
  return (JSON.parse(result.stdout) as { file: string; findings: { ruleId: string; suppressed?: { reason: string } }[] }[]).flatMap((r) =>
    r.findings.map((f) => `${r.file} ${f.ruleId} ${f.suppressed ? `suppressed: ${f.suppressed.reason}` : 'active'}`),
  );
}

describe('suppressions in each language\'s own comment syntax', () => {
  it('YAML: a comment above a document marker covers the document after it', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n# nospof-ignore kubernetes/min-replicas -- dev cache\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  replicas: 1\n';
    expect(await findings({ 'a.yaml': text })).toEqual(['a.yaml kubernetes/min-replicas suppressed: dev cache']);
  });

  it('HCL: a // comment above a resource covers the resource', async () => {
    const text = '// nospof-ignore terraform/aws-db-multi-az -- staging only\nresource "aws_db_instance" "db" {\n  engine   = "postgres"\n  multi_az = false\n}\n';
    expect(await findings({ 'main.tf': text })).toEqual(['main.tf terraform/aws-db-multi-az suppressed: staging only']);
  });

  it('Groovy: a trailing // comment covers its line', async () => {
    const text = "pipeline {\n  agent { label 'master' } // nospof-ignore jenkins/no-controller-builds -- legacy box\n  stages { stage('a') { steps { sh 'make' } } }\n}\n";
    expect(await findings({ Jenkinsfile: text })).toEqual(['Jenkinsfile jenkins/no-controller-builds suppressed: legacy box']);
  });

  it('YAML: the nospof.dev/ignore annotation covers its object', async () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  annotations:\n    nospof.dev/ignore: "kubernetes/min-replicas: single-replica dev cache"\nspec:\n  replicas: 1\n';
    expect(await findings({ 'a.yaml': text })).toEqual(['a.yaml kubernetes/min-replicas suppressed: single-replica dev cache']);
  });
});
