import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluatePolicySet, loadPolicySet, policyRules } from './policy-set.js';
import { PolicyLoadError } from './problems.js';
import { manifestUnits } from './test-support/manifest-units.js';
import { opaModule } from './test-support/opa-module.js';
import { tarGz } from './test-support/tar-writer.js';
import { tempTree } from './test-support/temp-tree.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const languages = ['terraform', 'kubernetes', 'github-actions', 'jenkins'];

async function repository(): Promise<string> {
  const wasm = await opaModule();
  const dir = tempTree({
    'policy/redundancy.yaml': readFileSync(join(repo, 'examples/policies/redundancy.yaml'), 'utf8'),
    'policy/bundle.tar.gz': tarGz([{ name: '/policy.wasm', content: wasm }, { name: '/data.json', content: '{"min": 2}' }]),
    'policy/bare/replicas.wasm': wasm,
    'policy/bare/data.json': '{"min": 5}',
  });
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(repo, 'examples/plugin'), join(dir, 'node_modules', 'nospof-plugin-acme'), 'dir');
  return dir;
}

const manifest = `apiVersion: apps/v1
kind: Deployment
metadata: { name: checkout, namespace: payments }
spec:
  replicas: 1
`;

describe('a configuration\'s policy set', () => {
  it('loads every form the configuration names and runs them on a unit', async () => {
    const dir = await repository();
    const set = await loadPolicySet(
      { policies: ['policy/redundancy.yaml', 'policy/bundle.tar.gz', 'policy/bare/replicas.wasm'], plugins: ['acme'] },
      { baseDir: dir, languages },
    );
    expect(set.files.length).toBe(1);
    expect(set.rego.map((r) => r.source)).toEqual(['policy/bundle.tar.gz', 'policy/bare/replicas.wasm']);
    expect(set.plugins.map((p) => p.name)).toEqual(['nospof-plugin-acme']);
    expect(policyRules(set).map((r) => r.meta.id)).toEqual([
      'acme/critical-priority-class',
      'policy/payments-replicas',
      'policy/replicated-has-pdb',
      'opa/nospof/deny',
      'opa/nospof/warn',
      'opa/nospof/deny',
      'opa/nospof/warn',
    ]);

    const [unit] = manifestUnits('kubernetes', [{ path: 'k8s/checkout.yaml', text: manifest }]);
    const { findings } = evaluatePolicySet(set, unit!);
    expect(findings.map((f) => [f.ruleId, f.file, f.range.start.line])).toEqual([
      ['policy/payments-replicas', 'k8s/checkout.yaml', 5],
      ['opa/nospof/deny', 'k8s/checkout.yaml', 5],
      ['opa/nospof/deny', 'k8s/checkout.yaml', 5],
    ]);
  });

  it('loads no plugin and no bundle under --no-plugins, and says what it left out', async () => {
    const dir = await repository();
    const set = await loadPolicySet(
      { policies: ['policy/redundancy.yaml', 'policy/bundle.tar.gz', 'policy/bare/replicas.wasm'], plugins: ['acme'] },
      { baseDir: dir, noPlugins: true },
    );
    expect(set.files.length).toBe(1);
    expect(set.rego).toEqual([]);
    expect(set.plugins).toEqual([]);
    expect(set.notLoaded.map((n) => n.entry)).toEqual(['policy/bundle.tar.gz', 'policy/bare/replicas.wasm', 'acme']);
  });

  it('reports the problems of every entry at once', async () => {
    const dir = await repository();
    const error = await loadPolicySet(
      { policies: ['policy/missing.yaml', 'policy/bare', 'policy/rules.rego', 'policy/bare/data.json', 'policy/redundancy.yaml'], plugins: ['nospof-plugin-absent'] },
      { baseDir: dir },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PolicyLoadError);
    expect((error as PolicyLoadError).problems.map((p) => `${p.file}:${p.path?.length ? ` ${p.path.join('.')}:` : ''} ${p.message}`)).toEqual([
      `policy/missing.yaml: no such file (looked for ${join(dir, 'policy/missing.yaml')})`,
      'policy/bare: policies are bundles (.tar.gz, .tgz, .tar), compiled modules (.wasm) or declarative policy files (.yaml, .yml, .json)',
      'policy/rules.rego: policies are bundles (.tar.gz, .tgz, .tar), compiled modules (.wasm) or declarative policy files (.yaml, .yml, .json)',
      'policy/bare/data.json: missing required key "policies"',
      'policy/bare/data.json: min: unknown key',
      `nospof-plugin-absent: cannot find the package "nospof-plugin-absent" from ${dir}; install it next to the configuration (npm install --save-dev nospof-plugin-absent)`,
    ]);
  });
});
