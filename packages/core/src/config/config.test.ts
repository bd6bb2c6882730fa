import { describe, expect, it } from 'vitest';
import { Config } from './resolve.js';
import { ConfigError } from './types.js';
import { engineRules } from '../engine-rules.js';
import { toyRules } from '../test-support/toy-rules.js';
import type { AnyRule } from '../rule.js';

const rules: AnyRule[] = [...engineRules, ...toyRules];

/** A settings section a language would declare, as the host passes it. */
const settingsSchemas = { toy: { type: 'object', properties: { pools: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } } } } };

function build(value: unknown, files: Record<string, unknown> = {}) {
  return Config.build(value, 'root.yaml', '', rules, (request) => {
    if (!(request in files)) throw new Error('no such file');
    return { path: request, value: files[request] };
  }, settingsSchemas);
}

function problems(value: unknown, files: Record<string, unknown> = {}) {
  try {
    build(value, files);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${p.file} ${p.path.join('.')}: ${p.message}`);
  }
}

describe('configuration', () => {
  it('defaults to the recommended preset', () => {
    const resolved = Config.defaults(rules).resolve('a.toy');
    expect([...resolved.rules.keys()].sort()).toEqual(['nospof/internal-error', 'nospof/unused-suppression', 'parse-error', 'repo/toy-sections', 'toy/crashes', 'toy/min-replicas']);
    expect(resolved.rules.get('toy/min-replicas')).toEqual({ severity: 'error', options: [{ min: 2 }] });
  });

  it('a root config without extends builds on recommended; extends: [] starts empty', () => {
    expect(build({ rules: { 'toy/owner': 'warn' } }).resolve('a').rules.has('toy/min-replicas')).toBe(true);
    expect([...build({ extends: [], rules: { 'toy/owner': 'warn' } }).resolve('a').rules.keys()]).toEqual(['toy/owner']);
  });

  it('strict applies strict options, and user options merge over them', () => {
    expect(build({ extends: 'nospof:strict' }).resolve('a').rules.get('toy/min-replicas')?.options).toEqual([{ min: 3 }]);
    const severityOnly = build({ extends: 'nospof:strict', rules: { 'toy/min-replicas': 'warning' } }).resolve('a');
    expect(severityOnly.rules.get('toy/min-replicas')).toEqual({ severity: 'warning', options: [{ min: 3 }] });
  });

  it('extends files in order, later layers winning', () => {
    const config = build(
      { extends: ['./base.yaml'], rules: { 'toy/min-replicas': ['error', { min: 5 }] } },
      { './base.yaml': { extends: [], rules: { 'toy/min-replicas': ['warning', { min: 4 }], 'toy/owner': 'info' } } },
    );
    const resolved = config.resolve('a');
    expect(resolved.rules.get('toy/min-replicas')).toEqual({ severity: 'error', options: [{ min: 5 }] });
    expect(resolved.rules.get('toy/owner')?.severity).toBe('info');
  });

  it('overrides apply by glob, and off is remembered as explicitly disabled', () => {
    const config = build({ overrides: [{ files: ['dev/**'], rules: { 'toy/min-replicas': 'off', 'parse-error': 'off' } }] });
    expect(config.resolve('dev/a.toy').rules.has('toy/min-replicas')).toBe(false);
    expect(config.resolve('dev/a.toy').disabled.has('parse-error')).toBe(true);
    expect(config.resolve('prod/a.toy').rules.has('toy/min-replicas')).toBe(true);
  });

  it('ignore globs and language globs match relative paths', () => {
    const config = build({ ignore: ['vendor/**', '*.gen.toy'], languages: { toy: ['ci/*.groovy'] } });
    expect(config.ignore('vendor/x/a.toy')).toBe(true);
    expect(config.ignore('deep/a.gen.toy')).toBe(true);
    expect(config.ignore('src/a.toy')).toBe(false);
    expect(config.languageFor('ci/build.groovy')).toBe('toy');
  });

  it('merges settings from every layer', () => {
    const config = build({ settings: { jenkins: { agentPools: { a: 1 } } }, overrides: [{ files: 'x/**', settings: { jenkins: { agentPools: { b: 2 } } } }] });
    expect(config.resolve('x/y').settings).toEqual({ jenkins: { agentPools: { a: 1, b: 2 } } });
  });

  it('names every bad key with its path', () => {
    expect(problems({ rulez: {} })).toEqual(['root.yaml rulez: unknown key (did you mean "rules"?)']);
    expect(problems({ rules: { 'toy/min-replicas': 'loud' } })).toEqual([expect.stringContaining('root.yaml rules.toy/min-replicas: must be')]);
    expect(problems({ rules: { 'toy/min-replicas': ['error', { min: 0 }] } })).toEqual(['root.yaml rules.toy/min-replicas.1.min: must be >= 1']);
    expect(problems({ rules: { 'toy/min-replicas': ['error', { most: 3 }] } })).toEqual(['root.yaml rules.toy/min-replicas.1.most: unknown key']);
    expect(problems({ rules: { 'toy/min-replica': 'error' } })).toEqual(['root.yaml rules.toy/min-replica: unknown rule (did you mean "toy/min-replicas"?)']);
    expect(problems({ overrides: [{ rules: {} }] })).toEqual(['root.yaml overrides.0: missing required key "files"']);
    expect(problems({ extends: 'nospof:lenient' })).toEqual(['root.yaml extends: unknown preset "nospof:lenient" (known: nospof:recommended, nospof:strict)']);
    expect(problems({ extends: './missing.yaml' })).toEqual(['root.yaml extends: cannot read "./missing.yaml": no such file']);
    expect(problems({ settings: { toy: { pools: { a: -1 } } } })).toEqual(['root.yaml settings.toy.pools.a: must be >= 0']);
    expect(problems({ overrides: [{ files: 'x/**', settings: { toy: { pools: { a: 'x' } } } }] })).toEqual(['root.yaml overrides.0.settings.toy.pools.a: must be integer']);
  });

  it('reports an extends cycle instead of looping', () => {
    expect(problems({ extends: './a.yaml' }, { './a.yaml': { extends: './b.yaml' }, './b.yaml': { extends: './a.yaml' } })).toEqual([
      'b.yaml extends: "./a.yaml" is extended twice or in a cycle'.replace('b.yaml', './b.yaml'),
    ]);
  });
});

describe('a host layer (command-line rules)', () => {
  it('sits above overrides and merges options deeply', () => {
    const config = build({
      rules: { 'toy/min-replicas': ['error', { min: 3 }] },
      overrides: [{ files: 'dev/**', rules: { 'toy/min-replicas': 'off' } }],
      settings: { toy: { pools: { a: 1 } } },
    }).withLayer({ rules: { 'toy/min-replicas': 'warning' }, settings: { toy: { pools: { b: 2 } } } });
    expect(config.resolve('prod/a.toy').rules.get('toy/min-replicas')).toEqual({ severity: 'warning', options: [{ min: 3 }] });
    expect(config.resolve('dev/a.toy').rules.get('toy/min-replicas')?.severity).toBe('warning');
    expect(config.resolve('dev/a.toy').settings).toEqual({ toy: { pools: { a: 1, b: 2 } } });
  });
});
