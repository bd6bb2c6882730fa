import { describe, expect, it } from 'vitest';
import { guardedLint } from './guarded-lint.js';

describe('guardedLint', () => {
  it('turns an exception into one diagnostic and a log line', () => {
    const logged: string[] = [];
    const diagnostics = guardedLint(() => {
      throw new Error('boom');
    }, (m) => logged.push(m), 'deployment.yaml');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ source: 'nospof', message: 'nospof could not lint this file: boom', range: { start: { line: 0 } } });
    expect(logged[0]).toContain('nospof failed on deployment.yaml');
  });

  it('passes diagnostics through when nothing throws', () => {
    expect(guardedLint(() => [], () => undefined, 'x')).toEqual([]);
  });
});
