import type { ParsedFile } from '@nospof/core';
import type { HaproxyConfig, Section } from './model.js';

const MAX_CHAIN = 16;

/**
 * The sections of a unit's files in the order HAProxy loads them: files by path (as `-f conf.d/` reads a
 * directory), sections in file order. A proxy inherits the last `defaults` before it, or the named one
 * of `from <name>`.
 */
export class HaproxyIndex {
  private readonly ordered: readonly Section[];
  private readonly position = new Map<Section, number>();

  constructor(files: readonly ParsedFile<HaproxyConfig>[]) {
    const sorted = [...files].sort((a, b) => (a.source.path < b.source.path ? -1 : a.source.path > b.source.path ? 1 : 0));
    this.ordered = sorted.flatMap((f) => f.root?.sections ?? []);
    this.ordered.forEach((s, i) => this.position.set(s, i));
  }

  get sections(): readonly Section[] {
    return this.ordered;
  }

  /** The `defaults` sections a section inherits from, nearest first. */
  defaultsChain(section: Section): Section[] {
    const chain: Section[] = [];
    let at: Section | undefined = section;
    while (at && chain.length < MAX_CHAIN) {
      const parent = this.parentOf(at);
      if (!parent || chain.includes(parent)) break;
      chain.push(parent);
      at = parent;
    }
    return chain;
  }

  private parentOf(section: Section): Section | undefined {
    const index = this.position.get(section) ?? -1;
    if (section.from) {
      const name = section.from.text;
      const named = (s: Section) => s.kind === 'defaults' && s.name?.text === name;
      for (let i = index - 1; i >= 0; i--) if (named(this.ordered[i] as Section)) return this.ordered[i];
      return this.ordered.find(named);
    }
    // A defaults section without `from` starts afresh; a proxy takes the last defaults before it.
    if (section.kind === 'defaults') return undefined;
    for (let i = index - 1; i >= 0; i--) if ((this.ordered[i] as Section).kind === 'defaults') return this.ordered[i];
    return undefined;
  }
}
