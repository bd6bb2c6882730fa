import { describe, expect, it } from 'vitest';
import { configDiagnostics } from './config-diagnostics.js';

const path = '/repo/.nospof.yaml';
const noFiles = () => undefined;

describe('configDiagnostics', () => {
  it('marks an unknown rule id at its key, with a suggestion', () => {
    const [d, ...rest] = configDiagnostics(path, 'rules:\n  kubernetes/min-replica: error\n', noFiles);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ range: { start: { line: 1, character: 2 }, end: { line: 1, character: 24 } }, severity: 1, source: 'nospof' });
    expect(d?.message).toBe('rules.kubernetes/min-replica: unknown rule (did you mean "kubernetes/min-replicas"?)');
  });

  it('reports YAML syntax errors where they are', () => {
    const [d] = configDiagnostics(path, 'rules:\n  a: [\n', noFiles);
    expect(d?.message).toMatch(/^not valid YAML/);
    expect(d?.range.start.line).toBeGreaterThan(0);
  });

  it('reports a duplicate key at the key, and refuses a file of more aliases than a configuration needs', () => {
    const [duplicate] = configDiagnostics(path, 'rules:\n  kubernetes/min-replicas: error\n  kubernetes/min-replicas: off\n', noFiles);
    expect(duplicate).toMatchObject({ message: 'not valid YAML or JSON (duplicate key)', range: { start: { line: 2, character: 2 } } });
    const aliases = Array.from({ length: 1_001 }, (_, i) => `  - &a${i} x\n  - *a${i}\n`).join('');
    const [many] = configDiagnostics(path, `x:\n${aliases}`, noFiles);
    expect(many?.message).toBe('not valid YAML or JSON (too many aliases)');
  });

  it('shows problems of an extended file on the extends key', () => {
    const base = '/repo/base.yaml';
    const read = (p: string) => (p === base ? 'rules:\n  nope/nope: error\n' : undefined);
    const [d] = configDiagnostics(path, 'extends: ./base.yaml\n', read);
    expect(d?.range.start).toEqual({ line: 0, character: 0 });
    expect(d?.message).toContain('/repo/base.yaml: rules.nope/nope: unknown rule');
  });

  it('gives nothing for a valid configuration', () => {
    expect(configDiagnostics(path, 'extends: nospof:strict\nrules:\n  kubernetes/min-replicas: [error, { min: 3 }]\n', noFiles)).toEqual([]);
  });
});
