import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['packages', 'rules', 'test', 'bench'];
const SKIPPED = new Set(['node_modules', 'dist', '.cache']);

function testFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) testFiles(path, out);
    else if (/\.test\.ts$/.test(entry.name)) out.push(path);
  }
  return out;
}

// `npm run fuzz` searches longer by setting NOSPOF_FUZZ_RUNS: a property test that fixes its own count,
// or reads the variable its own way, silently stays short there.
describe('property tests', () => {
  it('take their number of runs from fuzzRuns()', () => {
    const offenders = ROOTS.flatMap((root) => testFiles(root)).filter((file) => {
      const text = readFileSync(file, 'utf8');
      return /numRuns:\s*\d/.test(text) || /process\.env\.?\[?['"]?NOSPOF_FUZZ_RUNS/.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
