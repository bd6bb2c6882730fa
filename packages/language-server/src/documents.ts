import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

/**
 * The open documents, kept from `didOpen`/`didChange`/`didClose` notifications that are checked first: a
 * notification whose parameters are not what the protocol says (a text that is not a string, a range that
 * is not a position pair) is rejected as a whole, with the reason, and leaves every document as it was —
 * one bad message must not poison every later lint.
 */
export class OpenDocuments {
  private readonly documents = new Map<string, TextDocument>();

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  get size(): number {
    return this.documents.size;
  }

  uris(): IterableIterator<string> {
    return this.documents.keys();
  }

  /** Opens a document; returns it, or the reason the notification is rejected. */
  open(params: unknown): TextDocument | string {
    const item = field(params, 'textDocument');
    const uri = field(item, 'uri');
    const languageId = field(item, 'languageId');
    const version = field(item, 'version');
    const text = field(item, 'text');
    if (typeof uri !== 'string' || uri === '') return 'textDocument.uri is not a string';
    if (typeof languageId !== 'string') return 'textDocument.languageId is not a string';
    if (!isInteger(version)) return 'textDocument.version is not an integer';
    if (typeof text !== 'string') return 'textDocument.text is not a string';
    const document = TextDocument.create(uri, languageId, version, text);
    this.documents.set(uri, document);
    return document;
  }

  /** Applies the changes of a `didChange`; returns the document, or the reason the notification is rejected. */
  change(params: unknown): TextDocument | string {
    const id = field(params, 'textDocument');
    const uri = field(id, 'uri');
    const version = field(id, 'version');
    const changes = field(params, 'contentChanges');
    if (typeof uri !== 'string') return 'textDocument.uri is not a string';
    if (!isInteger(version)) return 'textDocument.version is not an integer';
    if (!Array.isArray(changes)) return 'contentChanges is not an array';
    const document = this.documents.get(uri);
    if (!document) return 'the document is not open';
    const checked: TextDocumentContentChangeEvent[] = [];
    for (const change of changes) {
      const text = field(change, 'text');
      if (typeof text !== 'string') return 'a content change has no text string';
      const range = field(change, 'range');
      if (range === undefined) checked.push({ text });
      else if (isRange(range)) checked.push({ text, range });
      else return 'a content change has a range that is not two positions';
    }
    TextDocument.update(document, checked, version);
    return document;
  }

  /** Closes a document; returns it, or the reason the notification is rejected. */
  close(params: unknown): TextDocument | string {
    const uri = field(field(params, 'textDocument'), 'uri');
    if (typeof uri !== 'string') return 'textDocument.uri is not a string';
    const document = this.documents.get(uri);
    if (!document) return 'the document is not open';
    this.documents.delete(uri);
    return document;
  }

  /** The URI a `didSave` names, or the reason it is rejected. */
  saved(params: unknown): TextDocument | string {
    const uri = field(field(params, 'textDocument'), 'uri');
    if (typeof uri !== 'string') return 'textDocument.uri is not a string';
    return this.documents.get(uri) ?? 'the document is not open';
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

function isPosition(value: unknown): boolean {
  const line = field(value, 'line');
  const character = field(value, 'character');
  return isInteger(line) && line >= 0 && isInteger(character) && character >= 0;
}

function isRange(value: unknown): value is { start: { line: number; character: number }; end: { line: number; character: number } } {
  return isPosition(field(value, 'start')) && isPosition(field(value, 'end'));
}
