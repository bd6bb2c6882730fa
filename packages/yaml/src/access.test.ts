import { describe, expect, it } from 'vitest';
import { SourceFile } from '@nospof/core';
import { entriesOf, get, getPath, stringValue } from './access.js';
import { parseYaml } from './parse.js';

function parse(text: string) {
  const { documents, errors } = parseYaml(new SourceFile('a.yaml', text));
  expect(errors).toEqual([]);
  return documents[0]!;
}

describe('positioned YAML access', () => {
  it('follows aliases to the closest anchor before them', () => {
    const doc = parse('a: &x one\nb: *x\nc: &x two\nd: *x\n');
    expect(stringValue(get(doc.contents, 'b', doc))).toBe('one');
    expect(stringValue(get(doc.contents, 'd', doc))).toBe('two');
  });

  it('resolves merge keys, own keys first', () => {
    const doc = parse('base: &b\n  replicas: 3\n  image: old\nspec:\n  <<: *b\n  image: new\n');
    expect(getPath(doc.contents, ['spec', 'replicas'], doc)?.toString()).toBe('3');
    expect(stringValue(getPath(doc.contents, ['spec', 'image'], doc))).toBe('new');
    expect(entriesOf(get(doc.contents, 'spec', doc), doc).map((e) => e.key)).toEqual(['image', 'replicas']);
  });

  it('resolves a list of merged maps in order', () => {
    const doc = parse('a: &a { x: 1 }\nb: &b { x: 2, y: 2 }\nc:\n  <<: [*a, *b]\n');
    expect(getPath(doc.contents, ['c', 'x'], doc)?.toString()).toBe('1');
    expect(getPath(doc.contents, ['c', 'y'], doc)?.toString()).toBe('2');
  });

  it('a self-referencing merge does not loop', () => {
    const { documents } = parseYaml(new SourceFile('a.yaml', 'a: &a\n  <<: *a\n  x: 1\n'));
    const doc = documents[0]!;
    expect(get(get(doc.contents, 'a', doc), 'missing', doc)).toBeUndefined();
  });
});
