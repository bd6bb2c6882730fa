import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { tempTree } from './helpers/temp-tree.js';

const healthy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  template:
    spec:
      containers: [{ name: web, image: nginx }]
`;

interface JsonResult {
  file: string;
  findings: { ruleId: string; message: string; range: { start: { line: number; column: number } } }[];
}

/** Lints `bad` next to a healthy manifest and returns both files' findings. */
async function lintBeside(bad: Record<string, string | Uint8Array>, args: string[] = []) {
  const root = tempTree({ '.nospof.yaml': 'extends: []\nrules: { kubernetes/min-replicas: error }\n', 'healthy.yaml': healthy, ...bad });
  const result = await runCli(['--format', 'json', ...args], root);
  expect(result.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  const report = JSON.parse(result.stdout) as JsonResult[];
  const healthyFindings = report.find((r) => r.file === 'healthy.yaml')?.findings ?? [];
  expect(healthyFindings.map((f) => f.ruleId), 'the other file is still linted').toEqual(['kubernetes/min-replicas']);
  return { report, result, root };
}

describe('bad input never stops the run', () => {
  it('malformed YAML gives a parse-error at the right line', async () => {
    const { report } = await lintBeside({ 'broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\ndata: {}\n' });
    const broken = report.find((r) => r.file === 'broken.yaml')!;
    expect(broken.findings[0]!.ruleId).toBe('parse-error');
    expect(broken.findings[0]!.range.start.line).toBeGreaterThanOrEqual(4);
  });

  it('a Terraform block the parser recovered from is not judged on what the recovery dropped', async () => {
    // an object constructor holding a block: recovery closes the resource early, so its origin_group
    // lands outside it; the rule must not say the distribution has no origin group
    const tf = [
      'resource "aws_cloudfront_distribution" "cdn" {',
      '  restrictions = {',
      '    geo_restriction {',
      '      restriction_type = "none"',
      '    }',
      '  }',
      '  origin_group {',
      '    origin_id = "group"',
      '  }',
      '}',
      'resource "aws_db_instance" "db" {',
      '  multi_az = false',
      '}',
      '',
    ].join('\n');
    const { report } = await lintBeside({ 'main.tf': tf }, ['--rule', 'terraform/aws-cloudfront-origin-failover: error', '--rule', 'terraform/aws-db-multi-az: error']);
    const findings = report.find((r) => r.file === 'main.tf')!.findings;
    expect(findings.filter((f) => f.ruleId !== 'parse-error').map((f) => [f.ruleId, f.range.start.line])).toEqual([['terraform/aws-db-multi-az', 12]]);
    expect(findings.some((f) => f.ruleId === 'parse-error')).toBe(true);
  });

  it('an alias bomb is read without expanding it', async () => {
    let bomb = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: lol }\ndata:\n  a: &a ["x","x","x","x","x","x","x","x","x","x"]\n';
    for (let i = 0; i < 12; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      bomb += `  ${next}: &${next} [${Array(10).fill(`*${prev}`).join(',')}]\n`;
    }
    const started = Date.now();
    const { report } = await lintBeside({ 'bomb.yaml': bomb });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(report.find((r) => r.file === 'bomb.yaml')?.findings ?? []).toEqual([]);
  });

  it('20,000-deep nesting gives a finding, not a stack overflow', async () => {
    const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: deep }\ndata:\n  x: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
    const { report } = await lintBeside({ 'deep.yaml': deep });
    const findings = report.find((r) => r.file === 'deep.yaml')?.findings ?? [];
    expect(findings.every((f) => f.ruleId === 'parse-error')).toBe(true);
  });

  it('a 30 MB file is skipped with a message naming the limit', async () => {
    const huge = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: huge }\ndata:\n${'  k: "' + 'x'.repeat(1000) + '"\n'.repeat(1)}`.repeat(1);
    const big = huge + '#'.repeat(30 * 1024 * 1024);
    const { report } = await lintBeside({ 'huge.yaml': big });
    const finding = report.find((r) => r.file === 'huge.yaml')!.findings[0]!;
    expect(finding.ruleId).toBe('parse-error');
    expect(finding.message).toContain('30.0 MB, over the 10.0 MB limit');
  });

  it('binary bytes are reported, not parsed', async () => {
    const { report } = await lintBeside({ 'image.yaml': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) });
    expect(report.find((r) => r.file === 'image.yaml')!.findings[0]!.message).toContain('binary');
  });

  it('invalid UTF-8 is reported with its position', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: '), 0xc3, 0x28, ...new TextEncoder().encode(' }\n')]);
    const { report } = await lintBeside({ 'latin1.yaml': bytes });
    const finding = report.find((r) => r.file === 'latin1.yaml')!.findings[0]!;
    expect(finding.message).toContain('not valid UTF-8');
    expect(finding.range.start).toMatchObject({ line: 3, column: 19 });
  });

  it('an empty file gives no finding', async () => {
    const { report } = await lintBeside({ 'empty.yaml': '' });
    expect(report.find((r) => r.file === 'empty.yaml')?.findings ?? []).toEqual([]);
  });

  it('a directory symlink loop is reported once and skipped', async () => {
    const root = tempTree({ 'healthy.yaml': healthy, 'nested/ok.txt': 'x' });
    symlinkSync(root, join(root, 'nested', 'loop'));
    const result = await runCli(['--format', 'json'], root);
    expect(result.stderr).toContain('symbolic link loops back');
    const report = JSON.parse(result.stdout) as JsonResult[];
    expect(report.map((r) => r.file)).toEqual(['healthy.yaml']);
  });
});
