import type { Node, Range, Value } from '@nospof/core';

/** A word of a directive, unquoted and unescaped. */
export interface Word {
  readonly text: string;
  readonly range: Range;
  /** Filled in when HAProxy loads the file (`"${VAR}"`) or by a template engine: unknown to nospof. */
  readonly dynamic: boolean;
}

/** One configuration line: a keyword and its arguments. */
export interface Directive extends Node {
  readonly type: 'Directive';
  /** The keyword, without a `no` or `default` prefix. */
  readonly keyword: string;
  readonly prefix?: 'no' | 'default';
  readonly keywordWord: Word;
  readonly args: readonly Word[];
}

export type ProxyKind = 'defaults' | 'frontend' | 'backend' | 'listen';
export type SectionKind = 'global' | ProxyKind | string;

/** A `server` line, or a `server-template` line standing for several servers. */
export interface Server extends Node {
  readonly type: 'Server';
  readonly template: boolean;
  readonly name: Word;
  readonly address?: Word;
  /** 1 for a `server`; the number or range of a `server-template` (unknown when templated). */
  readonly count: Value<number>;
  /** Words after the address: `check`, `backup`, `inter 2s`... */
  readonly params: readonly Word[];
  readonly directive: Directive;
}

export interface Section extends Node {
  readonly type: 'Section';
  readonly kind: SectionKind;
  readonly name?: Word;
  /** The header line's keyword (`backend`): where a finding about a missing setting lands. */
  readonly keyword: Range;
  /** `from <defaults>` on the header (HAProxy 2.5+). */
  readonly from?: Word;
  readonly directives: readonly Directive[];
  readonly servers: readonly Server[];
  readonly file: string;
  /**
   * The section holds template syntax (`{% for %}`, `{{range}}`): how many servers it renders is unknown.
   */
  readonly templated: boolean;
}

export interface HaproxyConfig extends Node {
  readonly type: 'HaproxyConfig';
  readonly file: string;
  readonly sections: readonly Section[];
}

/** HAProxy node types by visitor key, for rules bound to this language (`defineRuleFor<HaproxyNodes>()`). */
export interface HaproxyNodes {
  readonly HaproxyConfig: HaproxyConfig;
  readonly Section: Section;
  readonly Server: Server;
}

export const visitorKeys: Readonly<Record<keyof HaproxyNodes, readonly string[]>> = {
  HaproxyConfig: ['sections'],
  Section: ['servers'],
  Server: [],
};

export function isProxy(section: Section): boolean {
  return section.kind === 'frontend' || section.kind === 'backend' || section.kind === 'listen';
}

/** Sections that hold servers. */
export function hasBackendRole(section: Section): boolean {
  return section.kind === 'backend' || section.kind === 'listen';
}

export function hasFrontendRole(section: Section): boolean {
  return section.kind === 'frontend' || section.kind === 'listen';
}

/** `backend "jenkins"`, `defaults` or `defaults "tcp"`, for messages. */
export function describeSection(section: Section): string {
  return section.name ? `${section.kind} "${section.name.text}"` : section.kind;
}
