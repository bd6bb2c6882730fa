import { toPolicyInput } from '@nospof/core';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../bundle/bundle.js';
import { policyFindings, policyProblemFindings } from '../findings.js';
import { PolicyLoadError } from '../problems.js';
import { opaModule, type ModuleOptions } from '../test-support/opa-module.js';
import { tarGz } from '../test-support/tar-writer.js';
import { unit } from '../test-support/units.js';
import { loadRego } from './rego-policy.js';

const shop = unit([
  { id: 'Deployment/shop/web', type: 'Deployment', line: 2, attributes: { spec: { replicas: 1 } }, written: { 'spec.replicas': 8 } },
  { id: 'Deployment/shop/api', type: 'Deployment', line: 20, attributes: { spec: { replicas: 3 } }, written: { 'spec.replicas': 26 } },
  { id: 'Deployment/shop/cart', type: 'Deployment', line: 40, attributes: { spec: { replicas: { $unknown: 'set by the image automation at deploy time' } } } },
  { id: 'Deployment/shop/worker', type: 'Deployment', file: 'manifests/worker.yaml', line: 2, attributes: { metadata: { name: 'worker' } } },
  { id: 'Service/shop/web', type: 'Service', line: 60, attributes: { spec: { replicas: 0 } } },
]);

async function bundleOf(module: ModuleOptions = {}, data?: object) {
  const entries = [
    { name: '/policy.wasm', content: await opaModule(module) },
    { name: '/.manifest', content: JSON.stringify({ revision: 'r1', roots: [''], wasm: [{ entrypoint: 'nospof/deny', module: '/policy.wasm' }] }) },
    ...(data ? [{ name: '/data.json', content: JSON.stringify(data) }] : []),
  ];
  return readBundle(tarGz(entries), 'policy/bundle.tar.gz');
}

async function loadError(module: ModuleOptions): Promise<string> {
  const error = await loadRego(await bundleOf(module)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PolicyLoadError);
  return (error as PolicyLoadError).message;
}

describe('Rego bundles through the OPA SDK', () => {
  for (const minor of [1, 2] as const) {
    it(`evaluates every entrypoint on the unit's input and maps results to findings (ABI 1.${minor})`, async () => {
      const policy = await loadRego(await bundleOf({ minor }));
      expect(policy.entrypoints).toEqual(['nospof/deny', 'nospof/warn']);
      const evaluation = policy.evaluate(toPolicyInput(shop));
      expect(evaluation.problems).toEqual([]);
      const findings = policyFindings(shop, evaluation.results);
      expect(findings.map((f) => [f.ruleId, f.severity, f.resource, f.file, f.range.start.line, f.message])).toEqual([
        ['opa/nospof/deny', 'error', 'Deployment/shop/web', 'manifests/app.yaml', 8, 'Deployment runs 1 replica(s), fewer than data.min'],
        ['opa/nospof/warn', 'warning', undefined, 'overlays/prod/kustomization.yaml', 1, 'Deployment/shop/worker leaves spec.replicas to the default of 1'],
      ]);
    });
  }

  it('gives the policy the bundle data (setData): data.min decides', async () => {
    const strict = await loadRego(await bundleOf({}, { min: 5 }));
    const denied = strict.evaluate(toPolicyInput(shop)).results.filter((r) => r.ruleId === 'opa/nospof/deny');
    expect(denied.map((r) => r.resource)).toEqual(['Deployment/shop/web', 'Deployment/shop/api']);
    const lax = await loadRego(await bundleOf({}, { min: 1 }));
    expect(lax.evaluate(toPolicyInput(shop)).results.filter((r) => r.ruleId === 'opa/nospof/deny')).toEqual([]);
  });

  it('never reports on an Unknown: the policy sees {"$unknown": ...} where a number would be', async () => {
    const policy = await loadRego(await bundleOf({}, { min: 100 }));
    const ids = policy.evaluate(toPolicyInput(shop)).results.map((r) => r.resource);
    expect(ids).not.toContain('Deployment/shop/cart');
  });

  it('evaluates the same loaded policy on many units without state leaking between them', async () => {
    const policy = await loadRego(await bundleOf());
    const empty = unit([]);
    for (let i = 0; i < 50; i++) {
      expect(policy.evaluate(toPolicyInput(i % 2 ? shop : empty)).results.length).toBe(i % 2 ? 2 : 0);
    }
  });

  it('loads a policy that calls a builtin the host provides', async () => {
    const policy = await loadRego(await bundleOf({ builtins: { 'json.is_valid': 0, sprintf: 1 } }));
    expect(policy.entrypoints.length).toBe(2);
  });

  it('refuses at load a policy that needs builtins the host lacks, naming each', async () => {
    const message = await loadError({ builtins: { 'http.send': 0, 'net.lookup_ip_addr': 1, sprintf: 2 } });
    expect(message).toContain('policy/bundle.tar.gz: the policy calls builtins nospof does not provide: http.send, net.lookup_ip_addr');
    expect(message).toContain('--capabilities node_modules/@nospof/policy/capabilities.json');
    expect(await loadError({ builtins: { 'regex.split': 0 } })).toContain('does not provide: regex.split');
  });

  it('refuses modules that are not OPA policies, with the reason', async () => {
    const bare = (bytes: Uint8Array) => readBundle(tarGz([{ name: '/policy.wasm', content: bytes }]), 'b.tar.gz');
    const fail = (bytes: Uint8Array) => loadRego(bare(bytes)).then(() => '', (e: Error) => e.message);
    expect(await fail(new TextEncoder().encode('package nospof'))).toMatch(/not a WebAssembly module/);
    const wabt = await (await import('wabt')).default();
    const compile = (text: string) => wabt.parseWat('m.wat', text).toBinary({}).buffer;
    expect(await fail(compile('(module)'))).toMatch(/does not export builtins, entrypoints, opa_malloc, .*: it is not an OPA policy/);
    expect(await fail(compile('(module (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32))))'))).toMatch(
      /imports wasi_snapshot_preview1.fd_write, which an OPA policy does not/,
    );
    expect(await loadError({ major: 2 })).toContain('the OPA SDK could not load the module: unsupported ABI version 2');
    expect(await loadError({ entrypoints: {} })).toContain('the module has no entrypoint');
  });

  it('reports a runtime error of one entrypoint as a problem and keeps evaluating the others', async () => {
    const policy = await loadRego(await bundleOf({ abort: 'object insert conflict' }));
    const evaluation = policy.evaluate(toPolicyInput(shop));
    expect(evaluation.results).toEqual([]);
    expect(evaluation.problems.map((p) => [p.policy, p.message])).toEqual([
      ['nospof/deny', 'evaluation failed: object insert conflict'],
      ['nospof/warn', 'evaluation failed: object insert conflict'],
    ]);
    const [finding] = policyProblemFindings(shop, evaluation.problems);
    expect(finding).toMatchObject({ ruleId: 'nospof/policy-error', severity: 'error', file: 'overlays/prod/kustomization.yaml' });
    expect(finding?.message).toBe('Policy policy/bundle.tar.gz: policy "nospof/deny": evaluation failed: object insert conflict (unit overlays/prod)');
  });

  it('bounds the memory a policy may take', async () => {
    const policy = await loadRego(await bundleOf(), { memoryPages: { initial: 2, maximum: 4 } });
    const big = unit(Array.from({ length: 3000 }, (_, i) => ({ id: `Deployment/shop/d${i}`, type: 'Deployment', attributes: { spec: { replicas: 1 }, pad: 'x'.repeat(100) } })));
    const evaluation = policy.evaluate(toPolicyInput(big));
    expect(evaluation.problems[0]?.message).toMatch(/^evaluation failed: /);
    expect(policy.evaluate(toPolicyInput(shop)).results.length).toBe(2);
  });

  it('rejects malformed output with a clear problem and keeps the well-formed results', async () => {
    const constant = (result: unknown) => bundleOf({ constant: JSON.stringify([{ result }]), entrypoints: { 'nospof/deny': 0 } });
    const run = async (result: unknown) => (await loadRego(await constant(result))).evaluate(toPolicyInput(shop));

    expect((await run(42)).problems.map((p) => p.message)).toEqual(['returned a number (42); nospof expects a set of strings or of { msg, resource?, path?, severity?, id? } objects']);
    expect((await run(true)).problems[0]?.message).toMatch(/^returned a boolean \(true\)/);
    expect((await run({ msg: 'x' })).problems[0]?.message).toMatch(/^returned an object/);

    const mixed = await run([
      'plain message',
      { message: 'wrong key' },
      7,
      { msg: 'm', severity: 'fatal' },
      { msg: 'm', resource: 'Deployment/shop/web', path: 'spec..replicas' },
      { msg: 'm', path: 'spec.replicas' },
      { msg: 'm', id: '../../etc' },
      { msg: 'm', id: `${'a.'.repeat(20_000)}!` },
      { msg: 'db backups', id: 'db-backups', severity: 'warn', resource: 'Deployment/shop/api', path: ['spec', 'replicas'], details: { ignored: true } },
    ]);
    expect(mixed.problems.map((p) => p.message)).toEqual([
      'result 2: has no "msg" string',
      'result 3: is a number (7); nospof expects a string or { msg, resource?, path?, severity?, id? }',
      'result 4: "severity" must be "error", "warning" or "info"',
      'result 5: "path" must be a dotted path ("spec.replicas") or an array of keys and indexes',
      'result 6: "path" needs a "resource" to be found in',
      'result 7: "id" must be letters, digits, "-", "_", "." and "/" (at most 128)',
      'result 8: "id" must be letters, digits, "-", "_", "." and "/" (at most 128)',
    ]);
    expect(mixed.problems.every((p) => p.policy === 'nospof/deny' && p.file === 'policy/bundle.tar.gz')).toBe(true);
    const findings = policyFindings(shop, mixed.results);
    expect(findings.map((f) => [f.ruleId, f.severity, f.file, f.range.start.line])).toEqual([
      ['opa/nospof/deny', 'error', 'overlays/prod/kustomization.yaml', 1],
      ['opa/db-backups', 'warning', 'manifests/app.yaml', 26],
    ]);

    expect((await run([])).results).toEqual([]);
    const undefinedRule = await loadRego(await bundleOf({ constant: '[]', entrypoints: { 'nospof/deny': 0 } }));
    expect(undefinedRule.evaluate(toPolicyInput(shop))).toEqual({ results: [], problems: [], prints: [] });
  });
});
