import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceFile } from '@nospof/core';
import { parseYaml } from '@nospof/yaml';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { fromYaml } from './from-yaml.js';
import { Unsupported, type LNode } from './node.js';
import { BlockReader } from './read-block.js';

/** Both trees as comparable JSON: values, kinds and trimmed ranges. */
function shape(node: LNode | null, text: string): unknown {
  if (!node || (node.kind === 'scalar' && node.value === null)) return null;
  let end = node.end;
  while (end > node.start && /\s/.test(text[end - 1] as string)) end--;
  if (node.kind === 'scalar') return [`${node.start}-${end}`, Number.isNaN(node.value) ? 'NaN' : node.value];
  // Block collections end where their last value ends; `yaml` also counts trailing comments, which only
  // widens a suppression scope, so collection ends are not compared.
  const at = node.flow ? `${node.start}-${end}` : `${node.start}`;
  if (node.kind === 'seq') return [at, node.flow, node.items.map((i) => shape(i, text))];
  return [at, node.flow, node.items.map((p) => [shape(p.key, text), shape(p.value, text)])];
}

function viaYaml(text: string): unknown {
  const { documents, errors } = parseYaml(new SourceFile('x.yml', text));
  if (errors.length > 0 || documents.length !== 1 || !documents[0]) return 'error';
  return shape(fromYaml(documents[0]), text);
}

function viaReader(text: string): unknown {
  try {
    return shape(new BlockReader(text).read(), text);
  } catch (error) {
    if (error instanceof Unsupported) return 'unsupported';
    throw error;
  }
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const cases: Record<string, string> = {
  'block scalars with chomping': 'a: |\n  one\n  two\n\nb: |-\n  x\nc: |+\n  y\n\nd: >\n  folded\n  text\n\n  para\ne: >-\n  z\n',
  'flow collections': "a: [1, 'two', \"three\", {k: v, n: [x, y]}]\nb: {}\nc: []\n",
  'quoted keys and escapes': "'on': push\n\"k\": \"tab\\there \\u00e9\"\nq: 'it''s'\n",
  'core schema scalars': 'a: 3.10\nb: 0x1F\nc: ~\nd: True\ne: -12\nf: .inf\ng: 1e3\nh: 0o17\ni: 12:30\nj: v1.2\n',
  'sequence at the key indentation': 'a:\n- x\n- y\nb: z\n',
  'compact maps in sequences': 'steps:\n  - uses: a@v1\n    with:\n      x: 1\n  - run: |\n      echo hi\n    shell: bash\n',
  'comments everywhere': '# head\na: 1 # one\n# mid\nb:\n  # inner\n  - x # ex\n',
  'empty values': 'a:\nb:\n  c:\nd: ""\n',
  'crlf line ends': 'a: 1\r\nb:\r\n  - x\r\n',
};

const unsupported: Record<string, string> = {
  anchors: 'a: &x 1\nb: *x\n',
  'multi-line plain scalar': 'a: one\n  two\n',
  'document marker': '---\na: 1\n',
  'nested mapping in a plain scalar': "a: curl -H 'Accept: json'\n",
  'multi-line flow': 'a: [1,\n  2]\n',
  'more-indented folded line': 'a: >\n  x\n    y\n',
  'tab indentation': 'a:\n\tb: 1\n',
};

describe('the fast block reader', () => {
  for (const [name, text] of Object.entries(cases)) {
    it(`reads ${name} exactly like the yaml package`, () => {
      expect(viaReader(text)).toEqual(viaYaml(text));
    });
  }

  for (const [name, text] of Object.entries(unsupported)) {
    it(`leaves ${name} to the yaml package`, () => {
      expect(viaReader(text)).toBe('unsupported');
    });
  }

  it('agrees with the yaml package on every fixture it reads', () => {
    const root = fileURLToPath(new URL('../../../../fixtures/github-actions/', import.meta.url));
    let read = 0;
    for (const file of yamlFiles(root)) {
      const text = readFileSync(file, 'utf8');
      const fast = viaReader(text);
      if (fast === 'unsupported') continue;
      read++;
      expect(fast, file).toEqual(viaYaml(text));
    }
    expect(read).toBeGreaterThan(10);
  });

  it('agrees with the yaml package on generated block YAML (property)', () => {
    // Scalars chosen to hit the core schema's corners and the characters that end plain scalars.
    const scalar = fc.oneof(
      fc.constantFrom('yes', 'no', 'on', 'off', 'null', '~', 'True', '010', '0o17', '0x1F', '1e3', '.inf', '-.5', '12:30', 'v1.2', '', ' ', 'a: b', 'a #b', '#x', '- x', '"q"', "it's", '${{ matrix.os }}', 'a\nb', 'tab\there'),
      fc.string({ maxLength: 12 }),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const key = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/), fc.constantFrom('on', 'yes', 'null', '1', 'runs-on', 'timeout-minutes'));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('seq'), tie('map')),
      seq: fc.array(tie('node'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    })).map;
    const style = fc.record({
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
      indentSeq: fc.boolean(),
      lineWidth: fc.constantFrom(0, 20, 80),
    });
    let compared = 0;
    fc.assert(
      fc.property(value, style, (doc, options) => {
        const text = stringify(doc, options as unknown as Parameters<typeof stringify>[1]);
        const fast = viaReader(text);
        if (fast === 'unsupported') return;
        compared++;
        expect(fast, text).toEqual(viaYaml(text));
      }),
      { numRuns: Number(process.env.NOSPOF_FUZZ_RUNS ?? 400), seed: 20261124 },
    );
    expect(compared).toBeGreaterThan(50);
  });
});
