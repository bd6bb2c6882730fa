import { describe, expect, it } from 'vitest';
import { OpenDocuments } from './documents.js';

const open = (text: unknown = 'a: 1\n', extra: Record<string, unknown> = {}) => ({ textDocument: { uri: 'file:///w/a.yaml', languageId: 'yaml', version: 1, text, ...extra } });

describe('OpenDocuments', () => {
  it('opens, edits incrementally and in full, and closes', () => {
    const documents = new OpenDocuments();
    expect(typeof documents.open(open())).toBe('object');
    const changed = documents.change({
      textDocument: { uri: 'file:///w/a.yaml', version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } }, text: '2' }],
    });
    expect(typeof changed === 'object' && changed.getText()).toBe('a: 2\n');
    const full = documents.change({ textDocument: { uri: 'file:///w/a.yaml', version: 3 }, contentChanges: [{ text: 'b: 3\n' }] });
    expect(typeof full === 'object' && [full.getText(), full.version]).toEqual(['b: 3\n', 3]);
    expect(typeof documents.close({ textDocument: { uri: 'file:///w/a.yaml' } })).toBe('object');
    expect(documents.size).toBe(0);
  });

  it('rejects a malformed didOpen with the reason and keeps nothing of it', () => {
    const documents = new OpenDocuments();
    expect(documents.open(open(42))).toBe('textDocument.text is not a string');
    expect(documents.open(open('x', { version: 'one' }))).toBe('textDocument.version is not an integer');
    expect(documents.open(open('x', { uri: null }))).toBe('textDocument.uri is not a string');
    expect(documents.open(null)).toBe('textDocument.uri is not a string');
    expect(documents.size).toBe(0);
  });

  it('rejects a malformed didChange as a whole, leaving the document as it was', () => {
    const documents = new OpenDocuments();
    documents.open(open('a: 1\n'));
    const uri = 'file:///w/a.yaml';
    const good = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# x\n' };
    expect(documents.change({ textDocument: { uri, version: 2 }, contentChanges: [good, { text: 7 }] })).toBe('a content change has no text string');
    expect(documents.change({ textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: -1, character: 0 } }, text: '' }] })).toBe(
      'a content change has a range that is not two positions',
    );
    expect(documents.change({ textDocument: { uri, version: 2 }, contentChanges: 'all' })).toBe('contentChanges is not an array');
    expect(documents.change({ textDocument: { uri: 'file:///w/other.yaml', version: 2 }, contentChanges: [] })).toBe('the document is not open');
    expect(documents.get(uri)?.getText()).toBe('a: 1\n');
    expect(documents.get(uri)?.version).toBe(1);
  });
});
