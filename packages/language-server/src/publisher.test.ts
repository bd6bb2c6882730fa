import { describe, expect, it } from 'vitest';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { Publisher } from './publisher.js';

const finding = (line: number): Diagnostic => ({ range: { start: { line, character: 0 }, end: { line, character: 1 } }, message: 'm', source: 'nospof' });

describe('Publisher', () => {
  it('publishes a document again only when its diagnostics or its version changed', () => {
    const sent: PublishDiagnosticsParams[] = [];
    const publisher = new Publisher((p) => sent.push(p));
    expect(publisher.publish('a', 1, [finding(1)])).toBe(true);
    // Linted again because another file changed, with the same result: nothing new for the editor.
    expect(publisher.publish('a', 1, [finding(1)])).toBe(false);
    expect(publisher.publish('a', 1, [finding(2)])).toBe(true);
    // The document changed: the editor moved the old markers and needs the set for the new version.
    expect(publisher.publish('a', 2, [finding(2)])).toBe(true);
    expect(sent.map((p) => [p.version, p.diagnostics.length])).toEqual([
      [1, 1],
      [1, 1],
      [2, 1],
    ]);
  });

  it('clears a closed document only if something was shown', () => {
    const sent: PublishDiagnosticsParams[] = [];
    const publisher = new Publisher((p) => sent.push(p));
    publisher.publish('a', 1, []);
    publisher.clear('a');
    publisher.clear('never');
    publisher.publish('b', 1, [finding(1)]);
    publisher.clear('b');
    expect(sent.map((p) => [p.uri, p.diagnostics.length])).toEqual([
      ['a', 0],
      ['b', 1],
      ['b', 0],
    ]);
    expect(publisher.has('b')).toBe(false);
  });
});
