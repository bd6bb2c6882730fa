import { describe, expect, it } from 'vitest';
import { Config } from './config/resolve.js';
import { engineRules } from './engine-rules.js';
import type { Finding } from './finding.js';
import type { Language } from './language.js';
import { Linter, type UnitPolicyResults } from './linter.js';
import type { PolicyUnit } from './policy-input.js';
import { plainRange } from './position.js';
import { defineRule, type AnyRule } from './rule.js';
import { toyLanguage, type ToyFile } from './test-support/toy-language.js';
import { toyRuleMeta } from './test-support/toy-rule.js';

/** Units are directories; each section is a resource whose attributes are its entries. */
const policyLanguage: Language<ToyFile, null> = {
  ...toyLanguage,
  units: (files) => {
    const byDir = new Map<string, string[]>();
    for (const f of files) {
      const dir = f.source.path.slice(0, f.source.path.lastIndexOf('/'));
      byDir.set(dir, [...(byDir.get(dir) ?? []), f.source.path]);
    }
    return [...byDir].map(([id, files]) => ({ id, files }));
  },
  index: () => null,
  policyUnit(unit, files) {
    return {
      language: 'toy',
      unit: unit.id,
      files: files.map((f) => f.source.path),
      resources: files.flatMap((f) =>
        (f.root?.sections ?? []).map((s) => ({
          id: s.resource,
          type: 'section',
          name: s.name,
          file: f.source.path,
          range: s.range,
          attributes: Object.fromEntries(s.entries.map((e) => [e.key, e.value])),
          locate: (path) => {
            const entry = s.entries.find((e) => e.key === path[0]);
            return entry ? { file: f.source.path, range: entry.valueRange } : undefined;
          },
        })),
      ),
    };
  },
};

const policyRule = (id: string, severity: 'error' | 'warning' = 'error'): AnyRule =>
  defineRule({
    meta: { ...toyRuleMeta, id, language: '*', severity, messages: { failed: '{{message}}' } },
    create: () => ({}),
  });

const replicas = policyRule('policy/replicas');
const other = policyRule('policy/other');

/** A host policy: every section whose `replicas` is below 3, at the value; an `opa/` id for `tier`. */
function hostPolicy(calls: PolicyUnit[]) {
  return (unit: PolicyUnit): UnitPolicyResults => {
    calls.push(unit);
    const findings: Finding[] = [];
    for (const r of unit.resources) {
      const value = r.attributes.replicas;
      if (typeof value === 'string' && Number(value) < 3) {
        const at = r.locate(['replicas']);
        findings.push({ ruleId: 'policy/replicas', severity: 'error', message: `${r.name} runs ${value}`, file: at?.file ?? r.file, range: plainRange(at?.range ?? r.range), resource: r.id });
      }
      if (r.attributes.tier === 'gold') findings.push({ ruleId: 'opa/gold-tier', severity: 'warning', message: `${r.name} is gold`, file: r.file, range: plainRange(r.range) });
      if (r.attributes.other === 'yes') findings.push({ ruleId: 'policy/other', severity: 'error', message: 'other', file: r.file, range: plainRange(r.range) });
    }
    return { findings, skipped: [{ ruleId: 'policy/replicas', file: unit.files[0] ?? '', what: `unit ${unit.unit}`, reason: 'test' }] };
  };
}

function lint(files: Record<string, string>, config: object, hook?: (unit: PolicyUnit) => UnitPolicyResults, language: Language = policyLanguage as unknown as Language) {
  const linter = new Linter([language], [replicas, other]);
  // A host lets a configuration name a Rego result's own id; the linter never learns of it.
  const built = Config.build(config, undefined, '', [...engineRules, replicas, other, policyRule('opa/gold-tier')], () => {
    throw new Error('no extends');
  }, {}, ['policy/replicas']);
  return linter.lint({
    files: Object.entries(files).map(([path, text]) => ({ path, text })),
    configFor: (p) => built.resolve(p),
    ...(hook ? { unitPolicies: hook } : {}),
  });
}

describe('unit policies', () => {
  it('are not built without the hook', () => {
    let built = 0;
    const counting = { ...policyLanguage, policyUnit: (...args: Parameters<NonNullable<typeof policyLanguage.policyUnit>>) => (built++, policyLanguage.policyUnit!(...args)) };
    lint({ 'a/x.toy': '[web]\nreplicas = 1\n' }, { extends: [] }, undefined, counting as unknown as Language);
    expect(built).toBe(0);
  });

  it('runs once per unit, and its findings land where the policy placed them at the enabled severity', () => {
    const calls: PolicyUnit[] = [];
    const run = lint({ 'a/x.toy': '[web]\nreplicas = 1\n', 'a/y.toy': '[db]\nreplicas = 5\n', 'b/z.toy': '[api]\nreplicas = 2\n' }, { extends: [] }, hostPolicy(calls));
    expect(calls.map((u) => u.unit).sort()).toEqual(['a', 'b']);
    const findings = run.results.flatMap((r) => r.findings);
    expect(findings.map((f) => [f.ruleId, f.file, f.range.start.line, f.range.start.column, f.severity])).toEqual([
      ['policy/replicas', 'a/x.toy', 2, 12, 'error'],
      ['policy/replicas', 'b/z.toy', 2, 12, 'error'],
    ]);
    expect(run.skipped.map((s) => s.what).sort()).toEqual(['unit a', 'unit b']);
  });

  it('takes severity and off from the configuration of the file a finding lands in', () => {
    const text = { 'a/x.toy': '[web]\nreplicas = 1\n', 'b/x.toy': '[api]\nreplicas = 1\n' };
    const warned = lint(text, { extends: [], overrides: [{ files: 'b/**', rules: { 'policy/replicas': 'warning' } }] }, hostPolicy([]));
    expect(warned.results.flatMap((r) => r.findings).map((f) => [f.file, f.severity])).toEqual([
      ['a/x.toy', 'error'],
      ['b/x.toy', 'warning'],
    ]);
    const off = lint(text, { extends: [], rules: { 'policy/replicas': 'off' } }, hostPolicy([]));
    expect(off.results.flatMap((r) => r.findings)).toEqual([]);
  });

  it('drops findings of a known rule the configuration does not run, keeps unknown opa ids at their own severity', () => {
    const run = lint({ 'a/x.toy': '[web]\nother = yes\ntier = gold\n' }, { extends: [] }, hostPolicy([]));
    expect(run.results.flatMap((r) => r.findings).map((f) => [f.ruleId, f.severity])).toEqual([['opa/gold-tier', 'warning']]);
    const off = lint({ 'a/x.toy': '[web]\ntier = gold\n' }, { extends: [], rules: { 'opa/gold-tier': 'off' } }, hostPolicy([]));
    expect(off.results.flatMap((r) => r.findings)).toEqual([]);
  });

  it('honours suppression comments; an opa/ id in a suppression is not an unknown rule', () => {
    const run = lint(
      { 'a/x.toy': '[web]\n# nospof-ignore policy/replicas -- canary\nreplicas = 1\n# nospof-ignore opa/gold-tier -- accepted\n[api]\ntier = gold\n# nospof-ignore opa/never-reported\n' },
      { extends: [] },
      hostPolicy([]),
    );
    const findings = run.results.flatMap((r) => r.findings);
    expect(findings.filter((f) => f.ruleId.startsWith('policy/')).map((f) => f.suppressed?.reason)).toEqual(['canary']);
    expect(findings.filter((f) => f.ruleId === 'opa/gold-tier').map((f) => f.suppressed?.reason)).toEqual(['accepted']);
    expect(findings.filter((f) => f.messageId === 'unknownRule')).toEqual([]);
  });

  it('keeps one copy of a finding two units report', () => {
    const twice = (unit: PolicyUnit): UnitPolicyResults => ({
      findings: [{ ruleId: 'policy/replicas', severity: 'error', message: 'same', file: 'a/x.toy', range: plainRange({ start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } }) }],
      skipped: unit.unit === 'a' ? [] : [],
    });
    const run = lint({ 'a/x.toy': '[web]\n', 'b/y.toy': '[api]\n' }, { extends: [] }, twice);
    expect(run.results.flatMap((r) => r.findings)).toHaveLength(1);
  });

  it('reports a language whose policy model crashes as an internal error, and lints on', () => {
    const crashing = { ...policyLanguage, policyUnit: () => { throw new Error('model exploded'); } };
    const run = lint({ 'a/x.toy': '[web]\nreplicas = 1\n' }, { extends: [] }, hostPolicy([]), crashing as unknown as Language);
    expect(run.results.flatMap((r) => r.findings).map((f) => [f.ruleId, f.message])).toEqual([['nospof/internal-error', expect.stringContaining('model exploded')]]);
  });
});

describe('rules a configuration enables below every layer', () => {
  it('are on at their own severity even with extends: [], and later layers still turn them off', () => {
    const rules = [...engineRules, replicas, policyRule('policy/soft', 'warning')];
    const load = () => {
      throw new Error('no extends');
    };
    const on = Config.build({ extends: [] }, undefined, '', rules, load, {}, ['policy/replicas', 'policy/soft', 'policy/unknown']).resolve('a.toy');
    expect(on.rules.get('policy/replicas')?.severity).toBe('error');
    expect(on.rules.get('policy/soft')?.severity).toBe('warning');
    expect(on.rules.has('policy/unknown')).toBe(false);
    const off = Config.build({ extends: [], rules: { 'policy/soft': 'off' } }, undefined, '', rules, load, {}, ['policy/soft']).resolve('a.toy');
    expect(off.disabled.has('policy/soft')).toBe(true);
  });

  it('accepts policies and plugins keys, opa/ rule ids, and suggests the key for a typo', () => {
    const load = () => {
      throw new Error('no extends');
    };
    const rules = [...engineRules, policyRule('opa/nospof/deny')];
    expect(() => Config.build({ policies: ['p.yaml'], plugins: ['nospof-plugin-acme'], rules: { 'opa/nospof/deny': 'warning' } }, 'c', '', rules, load)).not.toThrow();
    expect(() => Config.build({ polices: ['p.yaml'] }, 'c', '', rules, load)).toThrow(/polices: unknown key \(did you mean "policies"\?\)/);
    expect(() => Config.build({ plugins: 'nospof-plugin-acme' }, 'c', '', rules, load)).toThrow(/plugins/);
  });
});
