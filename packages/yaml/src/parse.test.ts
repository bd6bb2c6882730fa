import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { SourceFile } from '@nospof/core';
import { parseYaml } from './parse.js';

const streams = [
  'a: 1\n',
  '# leading comment\n---\na: 1\n',
  '---\na: 1\n---\nb: 2\n...\n---\nc: [3,\n  4]\n',
  'a: |\n  text\n  --- not a marker\nb: 2\n---\n- x\n',
  '---\n',
  '',
  '%YAML 1.2\n---\na: 1\n',
  'a: [1,\n---\nb: 2\n',
  '--- # marker with a comment\na: 1\n---\tb: 2\n',
];

describe('parseYaml', () => {
  it.each(streams)('gives the same documents, ranges and errors as parsing the whole stream: %j', (text) => {
    const ours = parseYaml(new SourceFile(`s${streams.indexOf(text)}.yaml`, text));
    const whole = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false });
    const docs = Array.isArray(whole) ? whole : [];
    expect(ours.documents.map((d) => d.toJS())).toEqual(docs.map((d) => d.toJS()));
    expect(ours.documents.map((d) => d.range)).toEqual(docs.map((d) => d.range));
    expect(ours.documents.flatMap((d) => d.errors.map((e) => e.pos))).toEqual(docs.flatMap((d) => d.errors.map((e) => e.pos)));
  });

  it('reuses the documents before an edit and re-reads the ones after', () => {
    const first = parseYaml(new SourceFile('edit.yaml', '---\na: 1\n---\nb: 2\n---\nc: 3\n'));
    const second = parseYaml(new SourceFile('edit.yaml', '---\na: 1\n---\nb: 20\n---\nc: 3\n'));
    expect(second.documents[0]).toBe(first.documents[0]);
    expect(second.documents[1]).not.toBe(first.documents[1]);
    expect(second.documents[2]!.range[0]).toBe(first.documents[2]!.range[0] + 1);
    expect(second.documents.map((d) => d.toJS())).toEqual([{ a: 1 }, { b: 20 }, { c: 3 }]);
  });
});
