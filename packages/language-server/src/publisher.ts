import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';

/**
 * Sends diagnostics only when the editor would see something new: a document's diagnostics are published
 * again when they changed, or when the document itself changed (its version), since the editor moved the
 * old markers with the edit and needs the set computed for the new text. An open file that was linted
 * again because another file changed, and kept its findings, is not published again.
 */
export class Publisher {
  private readonly last = new Map<string, { readonly version: number | undefined; readonly key: string }>();

  constructor(private readonly send: (params: PublishDiagnosticsParams) => void) {}

  /** Publishes unless this exact set was the last one sent for this version; returns whether it did. */
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): boolean {
    const key = JSON.stringify(diagnostics);
    const last = this.last.get(uri);
    if (last && last.key === key && last.version === version) return false;
    this.last.set(uri, { version, key });
    this.send(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
    return true;
  }

  /** Clears what the editor shows for a document (closed, disabled) if anything was published. */
  clear(uri: string): void {
    const last = this.last.get(uri);
    if (!last) return;
    this.last.delete(uri);
    if (last.key !== '[]') this.send({ uri, diagnostics: [] });
  }

  has(uri: string): boolean {
    return this.last.has(uri);
  }
}
