import { LineIndex } from './position.js';

/** The text of one file as a host hands it to the engine. `path` uses forward slashes. */
export interface SourceText {
  readonly path: string;
  readonly text: string;
  /**
   * The digest of `text` (as `LintMemo.hash` makes it), when the host already knows it from its cache:
   * the engine then keys its memo without touching `text`, which a host may read only when asked for.
   */
  readonly digest?: string;
}

/** A parsed file's text with its line index, shared by the parser, rules and fixes. */
export class SourceFile implements SourceText {
  private index: LineIndex | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  get lines(): LineIndex {
    this.index ??= new LineIndex(this.text);
    return this.index;
  }
}
