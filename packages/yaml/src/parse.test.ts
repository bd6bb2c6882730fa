import { describe, expect, it, vi } from 'vitest';
import { Alias, isScalar, parseAllDocuments } from 'yaml';
import { SourceFile } from '@nospof/core';
import { YamlCache } from './cache.js';
import { absoluteRoot, parseYaml, type YamlDocument } from './parse.js';
import { YamlBudget } from './reader/budget.js';
import type { YamlNode } from './reader/node.js';

/** A node as plain JSON, the way `yaml`'s `toJS` gives it. */
function toJS(node: YamlNode | null): unknown {
  if (!node) return null;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toJS);
  return Object.fromEntries(node.items.map((p) => [String(p.key.value), toJS(p.value)]));
}

function parse(text: string, options?: Parameters<typeof parseYaml>[1]) {
  return parseYaml(new SourceFile('s.yaml', text), options);
}

const streams = [
  'a: 1\n',
  '# leading comment\n---\na: 1\n',
  '---\na: 1\n---\nb: 2\n...\n---\nc: [3,\n  4]\n',
  'a: |\n  text\n  --- not a marker\nb: 2\n---\n- x\n',
  '---\n',
  '',
  '%YAML 1.2\n---\na: 1\n',
  '--- # marker with a comment\na: 1\n--- {b: 2}\n',
  'a: &x {k: 1}\nb: *x\n---\nc: 2\n',
];

describe('parseYaml', () => {
  it.each(streams)('gives the documents and positions of parsing the whole stream: %j', (text) => {
    const ours = parse(text);
    const whole = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false });
    const docs = Array.isArray(whole) ? whole : [];
    expect(ours.errors).toEqual([]);
    expect(ours.documents.map((d) => toJS(d.root))).toEqual(docs.map((d) => d.toJS()));
    const starts = (d: YamlDocument) => (d.root ? d.offset + d.root.start : null);
    const empty = (d: (typeof docs)[number]) => !d.contents || (isScalar(d.contents) && d.contents.value === null);
    expect(ours.documents.map(starts)).toEqual(docs.map((d) => (empty(d) ? null : d.contents!.range![0])));
  });

  it('reports a syntax error at its position, in its own words, and keeps the other documents', () => {
    const text = 'a: 1\n---\nb: [unclosed\nc: *nowhere\n---\nd: 2\n';
    const result = parse(text);
    expect(result.documents.map((d) => toJS(d.root))).toEqual([{ a: 1 }, null, { d: 2 }]);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors[0]!.range.start.line).toBeGreaterThanOrEqual(3);
    for (const error of result.errors) {
      expect(error.message).toMatch(/^YAML syntax error: /);
      expect(error.message).not.toContain('nowhere');
      expect(error.message).not.toContain('unclosed');
    }
  });

  it('reports an alias that names no anchor of its own document, where it is written', () => {
    const text = 'a: &shared {x: 1}\nb: *shared\n---\nc: *shared\n---\nd: *never\n---\ne: 2\n';
    const result = parse(text);
    // Anchors do not reach across `---`: kubectl refuses such an alias, and nothing of its document is trusted.
    expect(result.documents.map((d) => toJS(d.root))).toEqual([{ a: { x: 1 }, b: { x: 1 } }, null, null, { e: 2 }]);
    expect(result.errors.map((e) => [e.message, e.range.start.line, e.range.start.column, e.range.end.column])).toEqual([
      ['YAML syntax error: an alias names no anchor defined before it', 4, 4, 11],
      ['YAML syntax error: an alias names no anchor defined before it', 6, 4, 10],
    ]);
  });

  it('resolves an alias to the latest anchor of its name before it, and an alias inside its own anchor', () => {
    const result = parse('a: &x 1\nb: *x\nc: &x 2\nd: *x\n');
    expect(result.errors).toEqual([]);
    expect(toJS(result.documents[0]!.root)).toEqual({ a: 1, b: 1, c: 2, d: 2 });
    const cyclic = parse('a: &loop [1, *loop]\n').documents[0]!.root;
    expect(cyclic?.kind === 'map' && cyclic.items[0]?.value?.kind === 'seq' ? cyclic.items[0].value.items[1] : undefined).toBe(cyclic?.kind === 'map' ? cyclic.items[0]?.value : 'no map');
  });

  it('gives absolute offsets when asked', () => {
    const [, second] = parse('a: 1\n---\nb: 2\n').documents;
    const root = absoluteRoot(second!);
    expect(root?.kind === 'map' && root.items[0]!.key.start).toBe(9);
  });
});

describe('parseYaml with a cache', () => {
  const docs = (n: number, edit?: { at: number; text: string }) =>
    Array.from({ length: n }, (_, i) => (edit?.at === i ? edit.text : `---\nkind: Doc\nmetadata: { name: d${i} }\n`)).join('');

  it('reuses every document an edit does not touch, wherever it now sits', () => {
    const cache = new YamlCache();
    const first = parse(docs(5), { cache });
    const edited = parse(`# a line added at the top\n${docs(5, { at: 2, text: '---\nkind: Doc\nmetadata: { name: changed }\n' })}`, { cache });
    expect(edited.documents.map((d) => d.root === first.documents[edited.documents.indexOf(d)]?.root)).toEqual([true, true, false, true, true]);
    // The reused tree is the same object; its absolute position follows the chunk's new offset.
    const moved = edited.documents[4]!;
    const text = `# a line added at the top\n${docs(5, { at: 2, text: '---\nkind: Doc\nmetadata: { name: changed }\n' })}`;
    expect(moved.offset + (moved.root?.start ?? -1)).toBe(text.lastIndexOf('kind: Doc'));
  });

  it('is bounded by the characters it holds, least recently used first', () => {
    const cache = new YamlCache(200);
    parse(docs(10), { cache });
    expect(cache.size).toBeLessThan(10);
    expect(cache.size).toBeGreaterThan(0);
  });
});

describe('parseYaml on hostile input', () => {
  it('resolves many aliases in one walk of the document, never one walk per alias', () => {
    // `Alias.resolve` walks the document up to the alias: 20,000 aliases made that 2 * 10^8 node visits (about a minute).
    const resolve = vi.spyOn(Alias.prototype, 'resolve');
    try {
      const text = `base: &b {k: v}\nitems:\n${'  - *b\n'.repeat(20_000)}`;
      const result = parse(text);
      expect(result.errors).toEqual([]);
      const root = result.documents[0]!.root;
      expect(root?.kind === 'map' && root.items[1]?.value?.kind === 'seq' ? root.items[1].value.items.length : 0).toBe(20_000);
      expect(resolve).not.toHaveBeenCalled();
    } finally {
      resolve.mockRestore();
    }
  });

  it('expands a merge-key bomb within its budget and in linear time', () => {
    // Fan-out 10 per level, 9 levels: naive expansion visits 10^9 maps.
    const levels = ['l0: &l0 {k: v}'];
    for (let i = 1; i <= 9; i++) levels.push(`l${i}: &l${i}\n  <<: [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(', ')}]`);
    const text = `${levels.join('\n')}\nx:\n  <<: *l9\n`;
    // Every merged entry is counted: an expansion that copied each level ten times over would run out of
    // budget (10^9 entries) instead of finishing.
    const result = parse(text, { budget: new YamlBudget(1_000_000, 256, 1_000) });
    expect(result.errors).toEqual([]);
    expect(toJS(result.documents[0]!.root)).toMatchObject({ x: { k: 'v' } });
  });

  it('stops a merge that copies more entries than the budget allows, naming the budget', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}: ${i}`).join(', ');
    const users = Array.from({ length: 50 }, (_, i) => `u${i}: { <<: *base }`).join('\n');
    const result = parse(`base: &base { ${keys} }\n${users}\n`, { budget: new YamlBudget(1_000_000, 256, 5_000) });
    expect(result.documents).toEqual([]);
    expect(result.errors.map((e) => e.message)).toEqual([expect.stringContaining('merge keys (<<) and aliases expand to more than 5000 entries')]);
    expect(result.errors[0]!.range.start.line).toBeGreaterThan(1);
  });

  it('stops a file with more values than the budget, on the fast path and the fallback alike', () => {
    const flow = `a: [${'1, '.repeat(5000)}1]\n`;
    for (const text of [flow, `x: &x 1\n${flow}`]) {
      const result = parse(text, { budget: new YamlBudget(1000) });
      expect(result.documents).toEqual([]);
      expect(result.errors.map((e) => e.message)).toEqual(['the file holds more than 1000 YAML values; nospof reads at most 1000 per file']);
    }
  });

  it('counts a large chunk the fast reader leaves to yaml before yaml builds anything', () => {
    // An anchor sends the chunk to the yaml package; its values are counted first, without a tree.
    const text = `a: &x [${'1, '.repeat(150_000)}*x]\n`;
    const result = parse(text, { budget: new YamlBudget(10_000) });
    expect(result.errors.map((e) => e.message)).toEqual(['the file holds more than 10000 YAML values; nospof reads at most 10000 per file']);
  });

  // A key's line is checked over the key alone: scanning the rest of the line for each key took minutes.
  it('reads a long one-line flow map', { timeout: 120_000 }, () => {
    const entries = 200_000;
    const text = `{${Array.from({ length: entries }, (_, i) => `k${i}: v`).join(', ')}}\n`;
    const result = parse(text);
    expect(result.errors).toEqual([]);
    const root = result.documents[0]?.root;
    expect(root?.kind === 'map' && root.items.length).toBe(entries);
  });

  it('stops deep nesting with a message instead of overflowing the stack', () => {
    for (const text of [`a: ${'['.repeat(100_000)}`, `${'- '.repeat(5000)}x\n`, `${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')}\n`]) {
      const result = parse(text);
      expect(result.errors.length).toBeGreaterThan(0);
      expect(result.errors[0]!.message).not.toContain('[[');
    }
  });
});
