import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SourceFile } from '@nospof/core';
import { parseHcl } from '../../packages/terraform/src/hcl/index.js';
import { hclFile } from './hcl-arbitraries.js';
import { ConversionError, toHcl2Object } from './to-hcl2-object.js';
import { fuzzRuns } from '@nospof/core/testing';

/*
 * Differential conformance: our parser, converted to hcl2-parser's JSON shape, must equal what
 * hcl2-parser (the official HCL v2.10 parser compiled to JavaScript) returns for the same text.
 *
 * Exceptions: forms kept out of the generated inputs because hcl2-parser's output for them depends on
 * Go formatting or crashes rather than on the parse tree:
 * - numbers >= 1e21 or with many fractional digits inside templates (Go prints `1e+21` differently);
 * - `null` interpolated in a template or used as an object key (hcl2json panics);
 * - unary operators on a literal of the wrong type (`-true`: hcl2json evaluates and fails);
 * - heredocs anywhere but as a whole attribute value (only to keep the printer simple);
 * - `provider::ns::fn()` calls (HCL 2.10 predates them).
 */

const require = createRequire(import.meta.url);
const hcl2 = require('hcl2-parser') as { parseToObject(input: string): [unknown, unknown] };

type Outcome = { ok: true; value: unknown } | { ok: false };

function reference(text: string): Outcome {
  try {
    const [value, error] = hcl2.parseToObject(text);
    if (error || value === null) return { ok: false };
    return { ok: true, value };
  } catch {
    return { ok: false };
  }
}

function ours(text: string): Outcome & { errors?: string[] } {
  const { root, errors } = parseHcl(new SourceFile('input.tf', text));
  if (errors.length > 0) return { ok: false, errors: errors.map((e) => `${e.range.start.line}:${e.range.start.column} ${e.message}`) };
  try {
    return { ok: true, value: toHcl2Object(root, text) };
  } catch (e) {
    if (e instanceof ConversionError) return { ok: false };
    throw e;
  }
}

function compare(text: string): void {
  const expected = reference(text);
  const actual = ours(text);
  if (expected.ok && actual.ok) expect(actual.value).toEqual(expected.value);
  else expect({ ok: actual.ok, errors: actual.ok ? undefined : actual.errors }).toMatchObject({ ok: expected.ok });
}

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = join(here, '..', '..');

function tfFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tfFiles(path));
    else if (name.endsWith('.tf')) out.push(path);
  }
  return out.sort();
}

describe('our HCL tree matches hcl2-parser', () => {
  const corpus = tfFiles(join(here, 'corpus'));

  test('the hand-written corpus is present', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(15);
  });

  for (const path of corpus) {
    test(`corpus ${relative(repo, path)} parses without errors and matches`, () => {
      const text = readFileSync(path, 'utf8');
      const actual = ours(text);
      expect(actual.ok ? [] : actual.errors).toEqual([]);
      const expected = reference(text);
      expect(expected.ok).toBe(true);
      if (expected.ok && actual.ok) expect(actual.value).toEqual(expected.value);
    });
  }

  // Fixtures come and go with the rules; each present one is compared (none is fine).
  for (const path of tfFiles(join(repo, 'fixtures', 'terraform'))) {
    test(`fixture ${relative(repo, path)} matches`, () => {
      compare(readFileSync(path, 'utf8'));
    });
  }

  test('generated HCL files match', () => {
    const runs = fuzzRuns(300);
    fc.assert(
      fc.property(hclFile, (text) => {
        const expected = reference(text);
        const actual = ours(text);
        if (!expected.ok) return !actual.ok || expect.fail(`hcl2-parser rejects but we accept:\n${text}`);
        if (!actual.ok) return expect.fail(`we reject (${(actual.errors ?? []).join('; ')}) but hcl2-parser accepts:\n${text}`);
        expect(actual.value).toEqual(expected.value);
        return true;
      }),
      { numRuns: runs, seed: process.env.NOSPOF_FUZZ_SEED ? Number(process.env.NOSPOF_FUZZ_SEED) : undefined },
    );
  }, 600_000);

  test.each([
    ['a lone closing brace', 'a = 1\n}\n'],
    ['an unterminated string', 'a = "abc\n'],
    ['an unterminated heredoc', 'a = <<EOT\nabc\n'],
    ['two attributes on one line', 'a = 1 b = 2\n'],
    ['a missing tuple comma', 'a = [1 2]\n'],
    ['a duplicate attribute', 'a = 1\na = 2\n'],
    ['a for expression with a key in a tuple', 'a = [for k, v in x : k => v]\n'],
    ['an unbalanced template directive', 'a = "%{ if x }y"\n'],
    ['a nested block on a single line', 'b { c { } }\n'],
  ])('both reject %s', (_name, text) => {
    expect(reference(text).ok).toBe(false);
    expect(ours(text).ok).toBe(false);
  });
});
