import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toPolicyInput } from '@nospof/core';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../bundle/bundle.js';
import { policyFindings } from '../findings.js';
import { unit } from '../test-support/units.js';
import { loadRego } from './rego-policy.js';

// These tests compile real Rego, so they need the `opa` binary; CI has none, and then they are reported
// as skipped (the plumbing is tested without opa in rego-policy.test.ts).
const opa = spawnSync('opa', ['version'], { encoding: 'utf8' });
const hasOpa = opa.status === 0;
if (!hasOpa) console.info('opa-build.test.ts: skipped, `opa` is not on PATH (install OPA to compile examples/policies/rego)');

const repo = fileURLToPath(new URL('../../../../', import.meta.url));

describe.skipIf(!hasOpa)('examples/policies/rego compiled by opa build', () => {
  it('compiles with nospof capabilities and reports through nospof with exact positions', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'nospof-opa-')), 'bundle.tar.gz');
    const build = spawnSync(
      'opa',
      ['build', '-t', 'wasm', '-e', 'nospof/deny', '--capabilities', join(repo, 'packages/policy/capabilities.json'), '-o', out, join(repo, 'examples/policies/rego')],
      { encoding: 'utf8' },
    );
    expect(build.status, build.stderr).toBe(0);
    const policy = await loadRego(readBundle(readFileSync(out), 'bundle.tar.gz'));
    const u = unit(
      [
        { id: 'Deployment/payments/checkout', type: 'Deployment', name: 'checkout', namespace: 'payments', attributes: { spec: { replicas: 2 } }, written: { 'spec.replicas': 9 } },
        { id: 'Deployment/payments/ledger', type: 'Deployment', name: 'ledger', namespace: 'payments', attributes: { spec: { replicas: { $unknown: 'from an overlay variable' } } } },
        { id: 'Deployment/web/docs', type: 'Deployment', name: 'docs', namespace: 'web', attributes: { spec: { replicas: 1 } } },
        { id: 'aws_db_instance.orders', type: 'aws_db_instance', name: 'orders', file: 'main.tf', attributes: { tags: { env: 'production' }, backup_retention_period: 7 }, written: { backup_retention_period: 4 } },
      ],
      'mixed',
    );
    const evaluation = policy.evaluate(toPolicyInput(u));
    expect(evaluation.problems).toEqual([]);
    const findings = policyFindings(u, evaluation.results).map((f) => [f.ruleId, f.file, f.range.start.line, f.message]);
    expect(findings).toEqual(
      expect.arrayContaining([
        ['opa/payments-replicas', 'manifests/app.yaml', 9, 'Deployment checkout runs 2 replica(s); payments services run at least 3'],
        ['opa/db-backups', 'main.tf', 4, 'aws_db_instance.orders keeps 7 day(s) of automated backups; production databases keep at least 14'],
      ]),
    );
    expect(findings.length).toBe(2);
  });

  it('refuses at build time a builtin nospof does not provide', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nospof-opa-'));
    const source = join(dir, 'fetch.rego');
    writeFileSync(source, 'package nospof\nimport rego.v1\ndeny contains msg if { resp := http.send({"method": "get", "url": "https://example.invalid"}); msg := resp.body }\n');
    const build = spawnSync('opa', ['build', '-t', 'wasm', '-e', 'nospof/deny', '--capabilities', join(repo, 'packages/policy/capabilities.json'), '-o', join(dir, 'b.tar.gz'), source], { encoding: 'utf8' });
    expect(build.status).not.toBe(0);
    expect(build.stderr).toContain('http.send');
  });
});
