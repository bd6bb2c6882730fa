import { createHash } from 'node:crypto';
import type { LintMemo } from '../memo.js';

/** A memo held in a map, stored as a persisted cache would be: JSON, read back as plain data. */
export class MapMemo implements LintMemo {
  readonly map = new Map<string, unknown>();
  hash(text: string): string {
    return createHash('sha256').update(text).digest('hex');
  }
  get(key: string): unknown {
    return this.map.get(key);
  }
  set(key: string, value: unknown): void {
    this.map.set(key, JSON.parse(JSON.stringify(value)));
  }
}
