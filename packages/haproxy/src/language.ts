import type { DeploymentUnit, Language, ParsedFile, ParseResult, Range, SourceFile } from '@nospof/core';
import type { HaproxyConfig } from './model.js';
import { visitorKeys } from './model.js';
import { parseHaproxy, SECTION_KEYWORDS } from './parser.js';
import { HaproxyIndex } from './project-index.js';
import { haproxyPolicyUnit } from './policy/policy-unit.js';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `haproxy.cfg`, `edge.haproxy.cfg`, or a `.cfg` file under a folder named `haproxy`. */
export function isHaproxyPath(path: string): boolean {
  const base = baseName(path).toLowerCase();
  if (base === 'haproxy.cfg' || base.endsWith('.haproxy.cfg')) return true;
  return base.endsWith('.cfg') && /(^|\/)haproxy\//i.test(path);
}

const PROXY_HEADERS = new Set(['frontend', 'backend', 'listen', 'defaults', 'global']);
const PROXY_KEYWORDS = new Set(['server', 'bind', 'mode', 'balance', 'timeout', 'default_backend', 'use_backend', 'option', 'maxconn', 'stats', 'server-template', 'default-server']);

/**
 * True when the first lines of a `.cfg` or `.conf` file read as HAProxy: a section header at the start of
 * a line (`backend web`, `defaults`) and a proxy keyword (`server`, `bind`, `mode`...) on a later line.
 */
export function looksLikeHaproxy(head: string): boolean {
  let header = false;
  for (const raw of head.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const space = line.search(/[ \t]/);
    const word = space === -1 ? line : line.slice(0, space);
    if (!header) {
      if (!PROXY_HEADERS.has(word)) continue;
      header = true;
      continue;
    }
    if (PROXY_KEYWORDS.has(word) || SECTION_KEYWORDS.has(word)) return true;
  }
  return false;
}

function parse(source: SourceFile): ParseResult<HaproxyConfig> {
  try {
    return parseHaproxy(source);
  } catch (error) {
    // The reader is built not to throw; this keeps a bug in it from taking the run down.
    const message = error instanceof Error ? error.message : String(error);
    return { errors: [{ message: `HAProxy configuration could not be read: ${message}`, range: source.lines.range(0, 0) }], comments: [] };
  }
}

/** Files of one directory load together (`haproxy -f conf.d/`): a `defaults` in one applies to the next. */
function units(files: readonly ParsedFile<HaproxyConfig>[]): DeploymentUnit[] {
  const byDir = new Map<string, string[]>();
  for (const file of files) {
    const path = file.source.path;
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '.';
    byDir.set(dir, [...(byDir.get(dir) ?? []), path]);
  }
  return [...byDir].map(([id, paths]) => ({ id, files: paths }));
}

/** A comment above a section header covers the whole section. */
function scopeAt(file: ParsedFile<HaproxyConfig>, line: number): Range | undefined {
  return file.root?.sections.find((s) => s.range.start.line === line)?.range;
}

export const haproxyLanguage: Language<HaproxyConfig, HaproxyIndex> = {
  id: 'haproxy',
  lineComment: '#',
  matches(path: string, head: string): boolean {
    if (isHaproxyPath(path)) return true;
    return /\.(cfg|conf)$/i.test(path) && looksLikeHaproxy(head);
  },
  // Only a `.cfg` or `.conf` file not named as HAProxy's is recognised by content: a host need not open
  // every other file of a repository to ask.
  needsHead: (path: string) => !isHaproxyPath(path) && /\.(cfg|conf)$/i.test(path),
  parse,
  visitorKeys,
  units,
  index: (files) => new HaproxyIndex(files),
  policyUnit: (unit, files, index) => haproxyPolicyUnit(unit, files, index),
  scopeAt,
};
