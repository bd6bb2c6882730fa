import { policyUnknown, type DeploymentUnit, type ParsedFile, type PolicyObject, type PolicyUnit, type PolicyValue, type Range, type RelatedLocation, PolicyLocations, policyResources, policyUnitName, type PolicyResourceDraft } from '@nospof/core';
import { describeSection, type Directive, type HaproxyConfig, type Section, type Word } from '../model.js';
import { HaproxyIndex } from '../project-index.js';

/** A resolved setting: its attribute path, value, and where it was written. */
interface Setting {
  readonly path: readonly string[];
  readonly value: PolicyValue;
  readonly file: string;
  readonly range: Range;
  /** Set when the setting comes from a `defaults` section (or `default-server`), not the section itself. */
  readonly trail?: readonly RelatedLocation[];
}

/** Directives with one value per section; a later line replaces an earlier one, as HAProxy does. */
const SINGLE = new Set(['mode', 'balance', 'retries', 'maxconn', 'fullconn', 'hash-type', 'cookie', 'default_backend', 'log-format', 'nbthread']);
/** Directives a section may write several times: each line is one element. */
const LISTS = new Set(['bind', 'use_backend', 'http-check', 'http-request', 'http-response', 'acl', 'errorfile', 'stick-table', 'stick']);
/** What a proxy takes from its `defaults` section when it does not set it (HAProxy's inheritance). */
const INHERITED_BY_ALL = new Set(['mode', 'timeout', 'option', 'log-format']);
const INHERITED_BY_BACKENDS = new Set(['balance', 'retries', 'fullconn', 'hash-type', 'cookie', 'default-server']);
const INHERITED_BY_FRONTENDS = new Set(['maxconn']);

/** `server` keywords that take no value: everything else written after the address takes the next word. */
const SERVER_FLAGS: ReadonlySet<string> = new Set([
  'agent-check', 'allow-0rtt', 'backup', 'check', 'check-send-proxy', 'check-ssl', 'check-via-socks4', 'disabled', 'enabled',
  'force-sslv3', 'force-tlsv10', 'force-tlsv11', 'force-tlsv12', 'force-tlsv13', 'no-agent-check', 'no-backup', 'no-check',
  'no-check-ssl', 'no-send-proxy', 'no-send-proxy-v2', 'no-send-proxy-v2-ssl', 'no-send-proxy-v2-ssl-cn', 'no-ssl', 'no-ssl-reuse',
  'no-sslv3', 'no-tls-tickets', 'no-tlsv10', 'no-tlsv11', 'no-tlsv12', 'no-tlsv13', 'no-verifyhost', 'non-stick', 'send-proxy',
  'send-proxy-v2', 'send-proxy-v2-ssl', 'send-proxy-v2-ssl-cn', 'ssl', 'ssl-reuse', 'stick', 'tfo', 'tls-tickets',
]);

const NUMBER = /^\d{1,15}$/;

function wordValue(word: Word): PolicyValue {
  if (word.dynamic) return policyUnknown(`"${word.text}" is filled in when HAProxy loads the file`);
  return NUMBER.test(word.text) ? Number(word.text) : word.text;
}

/** Several words as one value (`balance url_param userid`, `option httpchk GET /health`). */
function wordsValue(words: readonly Word[]): PolicyValue {
  if (words.length === 1) return wordValue(words[0] as Word);
  const dynamic = words.find((w) => w.dynamic);
  if (dynamic) return policyUnknown(`"${dynamic.text}" is filled in when HAProxy loads the file`);
  return words.map((w) => w.text).join(' ');
}

function spanOf(words: readonly Word[], fallback: Range): Range {
  const first = words[0];
  const last = words[words.length - 1];
  if (!first || !last) return fallback;
  return { start: first.range.start, end: last.range.end };
}

/** `check inter 2s fall 3 backup` as settings under `prefix`. */
function serverParams(words: readonly Word[], prefix: readonly string[], file: string): Setting[] {
  const out: Setting[] = [];
  for (let i = 0; i < words.length; i++) {
    const key = words[i] as Word;
    const next = words[i + 1];
    if (SERVER_FLAGS.has(key.text) || key.dynamic || next === undefined) {
      out.push({ path: [...prefix, key.text], value: key.dynamic ? wordValue(key) : true, file, range: key.range });
      continue;
    }
    out.push({ path: [...prefix, key.text], value: wordValue(next), file, range: next.range });
    i++;
  }
  return out;
}

/** The settings a section writes itself, in line order. */
function ownSettings(section: Section): Setting[] {
  const file = section.file;
  const out: Setting[] = [];
  for (const d of section.directives) {
    const args = d.args;
    const at = spanOf(args, d.range);
    if (d.keyword === 'timeout' && args[0] && args[1]) out.push({ path: ['timeout', args[0].text], value: wordsValue(args.slice(1)), file, range: spanOf(args.slice(1), d.range) });
    else if (d.keyword === 'option' && args[0]) {
      const value: PolicyValue = d.prefix === 'no' ? false : args.length > 1 ? wordsValue(args.slice(1)) : true;
      out.push({ path: ['option', args[0].text], value, file, range: d.range });
    } else if (d.keyword === 'default-server' && d.prefix === undefined) out.push(...serverParams(args, ['default-server'], file));
    else if (SINGLE.has(d.keyword) && d.prefix === undefined && args.length > 0) out.push({ path: [d.keyword], value: wordsValue(args), file, range: at });
  }
  return out;
}

function inherits(section: Section, key: string): boolean {
  if (INHERITED_BY_ALL.has(key)) return true;
  const backend = section.kind === 'backend' || section.kind === 'listen' || section.kind === 'defaults';
  const frontend = section.kind === 'frontend' || section.kind === 'listen' || section.kind === 'defaults';
  return (backend && INHERITED_BY_BACKENDS.has(key)) || (frontend && INHERITED_BY_FRONTENDS.has(key));
}

const pathKey = (path: readonly string[]): string => path.join('\u0000');

/** The section's settings with those it inherits from its `defaults` chain; the nearest wins. */
function effectiveSettings(section: Section, chain: readonly Section[]): Setting[] {
  const byPath = new Map<string, Setting>();
  for (const s of ownSettings(section)) byPath.set(pathKey(s.path), s);
  for (const parent of chain) {
    const via: RelatedLocation = { file: section.file, range: section.keyword, message: `${describeSection(section)} inherits it from ${describeSection(parent)}` };
    for (const s of ownSettings(parent)) {
      const key = pathKey(s.path);
      if (byPath.has(key) || !inherits(section, s.path[0] as string)) continue;
      byPath.set(key, { ...s, trail: [via] });
    }
  }
  return [...byPath.values()];
}

function put(target: Record<string, PolicyValue>, path: readonly string[], value: PolicyValue): void {
  let at = target;
  for (const segment of path.slice(0, -1)) {
    const next = at[segment];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) at[segment] = {};
    at = at[segment] as Record<string, PolicyValue>;
  }
  at[path[path.length - 1] as string] = value;
}

function directiveValue(d: Directive): PolicyObject {
  return {
    keyword: d.keyword,
    ...(d.prefix ? { prefix: d.prefix } : {}),
    args: d.args.map(wordValue),
  };
}

function sectionDraft(section: Section, index: HaproxyIndex): PolicyResourceDraft {
  const file = section.file;
  const locations = new PolicyLocations();
  const attributes: Record<string, PolicyValue> = {};
  if (section.name) {
    attributes.name = wordValue(section.name);
    locations.set(['name'], file, section.name.range);
  }
  if (section.from) {
    attributes.from = wordValue(section.from);
    locations.set(['from'], file, section.from.range);
  }
  // Only proxies (and a `defaults` section built `from` another) take settings from `defaults`.
  const proxy = section.kind === 'frontend' || section.kind === 'backend' || section.kind === 'listen' || section.kind === 'defaults';
  const settings = effectiveSettings(section, proxy ? index.defaultsChain(section) : []);
  for (const s of settings) {
    put(attributes, s.path, s.value);
    locations.set(s.path, s.file, s.range, s.trail);
  }
  // A path's parent map is located at its first line, so an absent key lands where the block is written.
  for (const s of settings) if (s.path.length > 1 && !locations.locate(s.path.slice(0, 1))) locations.set(s.path.slice(0, 1), s.file, s.range, s.trail);
  const lists = new Map<string, PolicyValue[]>();
  section.directives.forEach((d) => {
    if (!LISTS.has(d.keyword) || d.prefix !== undefined) return;
    const list = lists.get(d.keyword) ?? [];
    locations.set([d.keyword, list.length], file, d.range);
    if (list.length === 0) locations.set([d.keyword], file, d.range);
    list.push(d.args.length === 0 ? '' : wordsValue(d.args));
    lists.set(d.keyword, list);
  });
  for (const [keyword, list] of lists) attributes[keyword] = list;
  if (section.servers.length > 0 || section.kind === 'backend' || section.kind === 'listen') {
    const defaults = settings.filter((s) => s.path[0] === 'default-server');
    attributes.servers = section.servers.map((server, i): PolicyObject => {
      const at = ['servers', i];
      locations.set(at, file, server.directive.range);
      locations.set([...at, 'name'], file, server.name.range);
      if (server.address) locations.set([...at, 'address'], file, server.address.range);
      const options: Record<string, PolicyValue> = {};
      const via: RelatedLocation = { file, range: server.directive.range, message: `server "${server.name.text}" takes it from default-server` };
      for (const d of defaults) {
        options[d.path[1] as string] = d.value;
        locations.set([...at, 'options', d.path[1] as string], d.file, d.range, [...(d.trail ?? []), via]);
      }
      for (const p of serverParams(server.params, [], file)) {
        options[p.path[0] as string] = p.value;
        locations.set([...at, 'options', p.path[0] as string], file, p.range);
      }
      locations.set([...at, 'options'], file, server.directive.range);
      return {
        name: wordValue(server.name),
        ...(server.address ? { address: wordValue(server.address) } : {}),
        ...(server.template ? { template: true } : {}),
        count: server.count.known ? server.count.value : policyUnknown(server.count.reason),
        options,
      };
    });
    if (section.templated) attributes.templated = true;
    const firstServer = section.servers[0];
    if (firstServer) locations.set(['servers'], file, firstServer.directive.range);
  }
  attributes.directives = section.directives.map(directiveValue);
  section.directives.forEach((d, i) => locations.set(['directives', i], file, d.range));
  return {
    id: section.resource ?? section.kind,
    type: section.kind,
    name: section.name?.text ?? section.kind,
    file,
    range: section.keyword,
    attributes,
    locations,
  };
}

/**
 * What policies see of an HAProxy unit (the files of one directory, loaded together): one resource per
 * section, id as findings use it (`backend/web`, `frontend/www`, `listen/stats`, `defaults`, `global`).
 * Settings a proxy inherits from its `defaults` section, and server options from `default-server`, are
 * resolved; `locate` lands on the line that wrote them, with the proxy or server as the trail.
 */
export function haproxyPolicyUnit(unit: DeploymentUnit, files: readonly ParsedFile<HaproxyConfig>[], index: HaproxyIndex | undefined): PolicyUnit {
  const sectionsIndex = index ?? new HaproxyIndex(files);
  const inUnit = new Set(unit.files);
  const sections = sectionsIndex.sections.filter((s) => inUnit.size === 0 || inUnit.has(s.file));
  return {
    language: 'haproxy',
    unit: policyUnitName(unit.id, unit.files),
    resources: policyResources(sections.map((s) => sectionDraft(s, sectionsIndex))),
    files: entryFirst(unit.files.length > 0 ? unit.files : files.map((f) => f.source.path)),
  };
}

/** `haproxy.cfg` is the file HAProxy is started with; the directory's other files follow in load order. */
function entryFirst(paths: readonly string[]): string[] {
  const entry = paths.find((p) => p === 'haproxy.cfg' || p.endsWith('/haproxy.cfg'));
  return entry ? [entry, ...paths.filter((p) => p !== entry)] : [...paths];
}
