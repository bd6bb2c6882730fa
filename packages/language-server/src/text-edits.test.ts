import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { replaceTextEdit } from './text-edits.js';

describe('replaceTextEdit', () => {
  it('replaces only the span that differs', () => {
    const document = TextDocument.create('file:///a.yaml', 'yaml', 1, 'a: 1\nreplicas: 1\nb: 2\n');
    const edit = replaceTextEdit(document, 'a: 1\nreplicas: 2\nb: 2\n');
    expect(edit).toEqual({ range: { start: { line: 1, character: 10 }, end: { line: 1, character: 11 } }, newText: '2' });
    expect(TextDocument.applyEdits(document, [edit])).toBe('a: 1\nreplicas: 2\nb: 2\n');
  });

  it('handles insertions at the end and repeated characters', () => {
    const document = TextDocument.create('file:///a.yaml', 'yaml', 1, 'aaa');
    const edit = replaceTextEdit(document, 'aaaa\n');
    expect(TextDocument.applyEdits(document, [edit])).toBe('aaaa\n');
  });
});
