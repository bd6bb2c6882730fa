import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import { fromYaml } from '../from-yaml.js';
import { documentChunks } from '../parse.js';
import { YamlBudget } from './budget.js';
import { Unsupported, type YamlNode } from './node.js';
import { BlockReader } from './read-block.js';
import { fuzzRuns } from '@nospof/core/testing';

const runs = fuzzRuns(200);
const slow = { timeout: Math.max(60_000, runs * 50) };

/** Both trees as comparable JSON: values, styles, kinds and trimmed ranges. */
function shape(node: YamlNode | null, text: string): unknown {
  if (!node || (node.kind === 'scalar' && node.value === null && node.style === 'plain')) return null;
  let end = node.end;
  while (end > node.start && /\s/.test(text[end - 1] as string)) end--;
  if (node.kind === 'scalar') return [`${node.start}-${end}`, node.style, Number.isNaN(node.value) ? 'NaN' : node.value];
  // Block collections end where their last value ends; `yaml` also counts trailing comments, which only
  // widens a suppression scope, so collection ends are not compared.
  const at = node.flow ? `${node.start}-${end}` : `${node.start}`;
  if (node.kind === 'seq') return [at, node.flow, node.items.map((i) => shape(i, text))];
  return [at, node.flow, node.items.map((p) => [shape(p.key, text), shape(p.value, text)])];
}

/** The `yaml` package's reading of one document, or 'error' / 'no document'. */
function viaYaml(text: string): unknown {
  const documents = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false });
  const docs = Array.isArray(documents) ? documents : [];
  if (docs.length === 0) return 'no document';
  const first = docs[0];
  if (docs.length !== 1 || !first || first.errors.length > 0) return 'error';
  return shape(fromYaml(first, new YamlBudget()), text);
}

function viaReader(text: string): unknown {
  try {
    const read = new BlockReader(text, new YamlBudget()).read();
    return read.document ? shape(read.root, text) : 'no document';
  } catch (error) {
    if (error instanceof Unsupported) return 'unsupported';
    throw error;
  }
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFiles(path) : /\.(ya?ml|json)$/.test(name) ? [path] : [];
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
  'multi-line plain scalars': 'a: one\n  two\n\n  three\nb:\n  - first\n    second # c\n  - x - y\nc: end\n',
  'multi-line quoted scalars': "a: 'one\n  two\n\n  three'\nb: \"x\\\n  y \\t\n  z\"\nc: 'it''s\n  done'\n",
  'multi-line flow collections': 'a: [1,\n  2, # two\n  3]\nb: {x: 1,\n  y: [a,\n    b]}\nc: z\n',
  'a JSON document': '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "spec": {"containers": [{"name": "a", "ports": [80, 443]}]}\n}\n',
  'a document marker with a comment': '--- # first\na: 1\n',
  'a document end marker': 'a: 1\n...\n# after\n',
  'an indented root': '  a: 1\n  b:\n    - x\n',
  'an empty document': '---\n# nothing\n',
  'only comments': '# nothing here\n\n',
};

const unsupported: Record<string, string> = {
  anchors: 'a: &x 1\nb: *x\n',
  tags: 'a: !!str 1\n',
  'merge keys': 'a:\n  <<: {b: 1}\n',
  'nested mapping in a plain scalar': "a: curl -H 'Accept: json'\n",
  'more-indented folded line': 'a: >\n  x\n    y\n',
  'tab indentation': 'a:\n\tb: 1\n',
  'a second document': 'a: 1\n...\nb: 2\n',
  'content on the marker line': '--- |\n  text\n',
  'a multi-line plain scalar in a flow collection': 'a: [one\n  two]\n',
};

describe('the fast block reader', () => {
  for (const [name, text] of Object.entries(cases)) {
    it(`reads ${name} exactly like the yaml package`, () => {
      const fast = viaReader(text);
      expect(fast).not.toBe('unsupported');
      expect(fast).toEqual(viaYaml(text));
    });
  }

  for (const [name, text] of Object.entries(unsupported)) {
    it(`leaves ${name} to the yaml package`, () => {
      expect(viaReader(text)).toBe('unsupported');
    });
  }

  it('accepts a quoted continuation line at its key column, as kubectl does', () => {
    const text = "metadata:\n  annotations:\n    note: 'line one\n    line two'\n    other: x\n";
    expect(viaYaml(text)).toBe('error');
    const read = new BlockReader(text, new YamlBudget()).read();
    const metadata = read.document && read.root?.kind === 'map' ? read.root.items[0]?.value : undefined;
    const annotations = metadata?.kind === 'map' ? metadata.items[0]?.value : undefined;
    expect(annotations?.kind === 'map' && annotations.items.map((p) => [p.key.value, p.value?.kind === 'scalar' && p.value.value])).toEqual([
      ['note', 'line one line two'],
      ['other', 'x'],
    ]);
  });

  it('agrees with the yaml package on every fixture document it reads', () => {
    const root = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));
    let read = 0;
    for (const file of [...yamlFiles(join(root, 'github-actions')), ...yamlFiles(join(root, 'kubernetes'))]) {
      const whole = readFileSync(file, 'utf8');
      for (const [start, end] of documentChunks(whole)) {
        const text = whole.slice(start, end);
        const fast = viaReader(text);
        if (fast === 'unsupported') continue;
        read++;
        expect(fast, file).toEqual(viaYaml(text));
      }
    }
    expect(read).toBeGreaterThan(40);
  });

  it('agrees with the yaml package on generated block YAML (property)', slow, () => {
    // Scalars chosen to hit the core schema's corners and the characters that end plain scalars.
    const scalar = fc.oneof(
      fc.constantFrom('yes', 'no', 'on', 'off', 'null', '~', 'True', '010', '0o17', '0x1F', '1e3', '.inf', '-.5', '12:30', 'v1.2', '', ' ', 'a: b', 'a #b', '#x', '- x', '"q"', "it's", '${{ matrix.os }}', 'a\nb', 'tab\there', 'a long sentence that folds over several lines when the width is small', 'x\n\ny'),
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
      flowCollectionPadding: fc.boolean(),
      collectionStyle: fc.constantFrom('any', 'block', 'flow'),
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
      { numRuns: runs, seed: 20261124 },
    );
    expect(compared).toBeGreaterThan(runs / 4);
  });
});
