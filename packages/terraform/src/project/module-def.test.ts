import { describe, expect, it } from 'vitest';
import { projectOf } from './test-project.js';
import { overrideIn } from './module-def.js';

describe('override files', () => {
  it('name the file that changes a block, and nothing for blocks no override touches', () => {
    const p = projectOf({
      'main.tf': 'variable "size" {\n  default = 1\n}\nresource "x" "a" {\n  v = 1\n}\nresource "x" "b" {\n  v = 2\n}\n',
      'main_override.tf': 'resource "x" "a" {\n  v = 3\n}\n',
    });
    const def = p.index.defs.get('') ?? p.index.defs.get('.');
    expect(def).toBeDefined();
    if (!def) return;
    expect(overrideIn(def, 'resource', 'x.a')).toBe('main_override.tf');
    expect(overrideIn(def, 'resource', 'x.b')).toBeUndefined();
    expect(overrideIn(def, 'variable', 'size')).toBeUndefined();
  });

  it('are not looked for in a module without one', () => {
    const p = projectOf({ 'main.tf': 'resource "x" "a" {\n  v = 1\n}\n' });
    const def = [...p.index.defs.values()][0];
    expect(def?.overridden.size).toBe(0);
    if (def) expect(overrideIn(def, 'resource', 'x.a')).toBeUndefined();
  });
});
