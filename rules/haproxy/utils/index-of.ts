import type { RuleContext } from '@nospof/core';
import type { HaproxyIndex, Section } from '@nospof/haproxy';

/** The `defaults` sections a section inherits, nearest first, across the files of its unit. */
export function defaultsChain(context: RuleContext<string>, section: Section): readonly Section[] {
  return context.project.index<HaproxyIndex>('haproxy')?.defaultsChain(section) ?? [];
}
