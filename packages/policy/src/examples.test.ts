import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { manifestUnits } from './test-support/manifest-units.js';
import { loadPolicyFile } from './yaml/load.js';
import { runPolicyTests } from './yaml/run-tests.js';

const examples = fileURLToPath(new URL('../../../examples/policies/', import.meta.url));

describe('examples/policies', () => {
  it('redundancy.yaml loads and every one of its tests passes', async () => {
    const file = loadPolicyFile(readFileSync(`${examples}redundancy.yaml`, 'utf8'), 'examples/policies/redundancy.yaml', { languages: ['kubernetes', 'terraform'] });
    expect(file.policies.map((p) => p.id)).toEqual(['payments-replicas', 'replicated-has-pdb']);
    const report = await runPolicyTests([file], manifestUnits);
    expect(report.cases.filter((c) => !c.ok)).toEqual([]);
    expect(report.passed).toBe(6);
  });

  it('the README gives the exact opa build line for the Rego sources it describes', () => {
    const readme = readFileSync(`${examples}README.md`, 'utf8');
    expect(readme).toContain('opa build -t wasm -e nospof/deny \\\n  --capabilities node_modules/@nospof/policy/capabilities.json \\\n  -o policy/bundle.tar.gz examples/policies/rego/');
    for (const source of ['payments_replicas.rego', 'db_backups.rego']) {
      expect(readme).toContain(source);
      expect(readFileSync(`${examples}rego/${source}`, 'utf8')).toMatch(/^package nospof$/m);
    }
  });
});
