import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns } from '@nospof/core/testing';
import { builtinCatalog } from '../registry.js';
import { loadConfig } from './config-load.js';

const keys = ['extends', 'rules', 'overrides', 'ignore', 'languages', 'settings', 'files', 'kubernetes/min-replicas', 'min', 'x', 'nospof:strict', 'github-actions', 'runnerPools'];

/** YAML-ish configuration text: known and unknown keys, nesting, flow collections, junk and control characters. */
const configText = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...keys), fc.constantFrom(': error', ': [error, { min: 3 }]', ': {}', ': []', ': nospof:strict', ':', ': *a', ': &a x', ': "\\u001b[31m"', ': 0x10')),
      fc.tuple(fc.constantFrom('  ', '    ', '- ', '  - '), fc.string({ maxLength: 20 })),
    ),
    { maxLength: 30 },
  )
  .map((lines) => lines.map(([a, b]) => `${a}${b}`).join('\n'));

describe('loading configuration never throws, whatever the text', () => {
  it('gives a configuration or problems that each name a file, and never echo long input', () => {
    fc.assert(
      fc.property(configText, (text) => {
        const loaded = loadConfig('/repo/.nospof.yaml', (path) => (path === '/repo/.nospof.yaml' ? text : undefined), builtinCatalog);
        expect(loaded.config !== undefined || loaded.error !== undefined).toBe(true);
        for (const problem of loaded.error?.problems ?? []) {
          expect(problem.file).toMatch(/^\/repo\//);
          expect(problem.message.length).toBeLessThan(400);
        }
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
