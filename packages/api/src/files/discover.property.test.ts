import fc from 'fast-check';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fuzzRuns } from '@nospof/core/testing';
import { discover, isInside } from './discover.js';

/** A tree description: directories, files, and links between any two of its paths or to outside it. */
const tree = fc.record({
  dirs: fc.uniqueArray(fc.constantFrom('a', 'b', 'a/c', 'b/d', 'a/c/e', '.github', 'node_modules'), { maxLength: 7 }),
  files: fc.array(fc.tuple(fc.constantFrom('', 'a/', 'b/', 'a/c/', 'b/d/', '.github/'), fc.constantFrom('x.yaml', 'y.tf', 'z.txt')), { maxLength: 8 }),
  links: fc.array(fc.tuple(fc.constantFrom('', 'a/', 'b/', 'a/c/'), fc.constantFrom('l1', 'l2', 'l3'), fc.constantFrom('.', '..', 'a', 'b', 'a/c', '/', '/tmp', 'x.yaml', 'missing')), {
    maxLength: 6,
  }),
});

describe('discovery over any tree of links', () => {
  it('terminates, visits each real file once, and never leaves the scanned root', () => {
    fc.assert(
      fc.property(tree, ({ dirs, files, links }) => {
        const root = mkdtempSync(join(tmpdir(), 'nospof-discover-'));
        try {
          for (const dir of [...dirs].sort()) mkdirSync(join(root, dir), { recursive: true });
          for (const [dir, name] of files) {
            mkdirSync(join(root, dir), { recursive: true });
            writeFileSync(join(root, dir, name), 'x: 1\n');
          }
          for (const [dir, name, target] of links) {
            mkdirSync(join(root, dir), { recursive: true });
            try {
              symlinkSync(target.startsWith('/') ? target : join(root, target), join(root, dir, name));
            } catch {
              // A name already taken: keep the tree as it is.
            }
          }
          const found = discover(['.'], root, () => false);
          const real = found.files.map((f) => realpathSync(f.path));
          expect(new Set(real).size).toBe(real.length);
          const realRoot = realpathSync(root);
          for (const path of real) expect(isInside(realRoot, path)).toBe(true);
          for (const file of found.files) expect(file.path.split('/')).not.toContain('node_modules');
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: fuzzRuns(60) },
    );
  });
});
