import type { YamlNode } from './reader/node.js';

/** A syntax error with offsets relative to its document's chunk. */
export interface ChunkError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

/** What one chunk of a stream (the text between two `---` markers) reads to; positions are relative. */
export interface ChunkDocument {
  readonly root: YamlNode | null;
  readonly errors: readonly ChunkError[];
}

export interface CachedChunk {
  readonly documents: readonly ChunkDocument[];
  /** Values the chunk holds, charged to the budget of every file that reuses it. */
  readonly values: number;
}

/**
 * Parsed documents by their text, owned by whoever parses (the linter's parse cache, a language server's
 * workspace). An editor re-lints a file on every keystroke: only the document an edit touches is read
 * again, wherever it sits in the file, and the documents that moved keep their trees because positions
 * count from the start of their own chunk. Bounded by the characters it holds, least recently used first.
 */
export class YamlCache {
  private readonly entries = new Map<string, CachedChunk>();
  private chars = 0;

  constructor(readonly maxChars = 32 * 1024 * 1024) {}

  get size(): number {
    return this.entries.size;
  }

  get(text: string): CachedChunk | undefined {
    const entry = this.entries.get(text);
    if (entry === undefined) return undefined;
    // Re-inserting moves the entry to the end: the Map's order is the recency order.
    this.entries.delete(text);
    this.entries.set(text, entry);
    return entry;
  }

  set(text: string, entry: CachedChunk): void {
    if (text.length > this.maxChars) return;
    if (this.entries.delete(text)) this.chars -= text.length;
    this.entries.set(text, entry);
    this.chars += text.length;
    for (const key of this.entries.keys()) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(key);
      this.chars -= key.length;
    }
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }
}

/**
 * A copy of `text` that shares no memory with the string it was cut from. A slice of a file keeps the
 * whole file alive, and so would every scalar read from it: cached chunks are copied first so the cache
 * holds only what it counts.
 */
export function detached(text: string): string {
  return `${text}\u0000`.slice(0, -1);
}
