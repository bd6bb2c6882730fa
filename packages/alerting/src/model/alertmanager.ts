import { known, unknown, type Range, type Value } from '@nospof/core';
import { entry, field, isMapValue, isScalarValue, isSeqValue, isTemplated, seqItems, text } from '../yaml/access.js';
import type { YMap, YValue } from '../yaml/tree.js';
import { parseMatchers } from './matchers.js';
import type { Integration, Matcher, MatchOp, OpaqueMatcher, Receiver, ReceiverRef, Route } from './types.js';

/** Alertmanager's own file format (snake case) or the operator's `AlertmanagerConfig` resource (camel case). */
export type Dialect = 'file' | 'custom-resource';

const MAX_ROUTES = 5_000;
const MAX_ROUTE_DEPTH = 64;

/** Keys of an integration item that name where it sends, and their `_file` / secret variants. */
const URL_KEYS = ['url', 'api_url', 'webhook_url', 'apiURL', 'webhookURL'];
const HIDDEN_URL_KEYS = ['url_file', 'api_url_file', 'webhook_url_file', 'urlSecret'];

/** `pagerdutyConfigs` (custom resource) -> `pagerduty_configs`. */
export function integrationKey(key: string): string | undefined {
  if (key.endsWith('_configs')) return key;
  if (key.endsWith('Configs') && key.length > 'Configs'.length) return `${key.slice(0, -'Configs'.length).toLowerCase()}_configs`;
  return undefined;
}

/** A string value that nospof can judge: literal text, not a template. */
export function literal(value: YValue | undefined, what: string): Value<string> | undefined {
  if (value === undefined) return undefined;
  const t = text(value);
  if (t === undefined) return unknown(`${what} is not a string`, value.range);
  if (isTemplated(t)) return unknown(`${what} is filled in by a template`, value.range);
  return known(t, value.range);
}

interface RouteBudget {
  count: number;
}

export function buildRoute(value: YValue | undefined, dialect: Dialect, budget: RouteBudget = { count: 0 }, depth = 0): Route | undefined {
  if (!isMapValue(value) || depth > MAX_ROUTE_DEPTH || budget.count >= MAX_ROUTES) return undefined;
  budget.count++;
  const receiverEntry = entry(value, 'receiver');
  const receiverName = literal(receiverEntry?.value, 'the receiver');
  const receiver: ReceiverRef | undefined = receiverEntry && receiverName ? { name: receiverName, range: receiverEntry.value?.range ?? receiverEntry.keyRange } : undefined;
  const continueValue = field(value, 'continue');
  const routes: Route[] = [];
  for (const child of seqItems(value, 'routes')) {
    const route = buildRoute(child, dialect, budget, depth + 1);
    if (route) routes.push(route);
  }
  return {
    type: 'Route',
    range: value.range,
    head: value.entries[0]?.keyRange ?? value.range,
    ...(receiver ? { receiver } : {}),
    matchers: dialect === 'file' ? fileMatchers(value) : resourceMatchers(value),
    continue: booleanValue(continueValue, 'continue'),
    routes,
  };
}

function booleanValue(value: YValue | undefined, what: string): Value<boolean> {
  if (value === undefined) return known(false);
  if (isScalarValue(value)) {
    if (typeof value.value === 'boolean') return known(value.value, value.range);
    if (value.value === 'true' || value.value === 'false') return known(value.value === 'true', value.range);
    if (value.value === null) return known(false, value.range);
  }
  return unknown(`${what} is not a boolean`, value.range);
}

function opaque(reason: string, range: Range): OpaqueMatcher {
  return { op: 'opaque', reason, range };
}

/** `matchers` strings, and the deprecated `match` (equality) and `match_re` (regular expression) maps. */
function fileMatchers(route: YMap): (Matcher | OpaqueMatcher)[] {
  const out: (Matcher | OpaqueMatcher)[] = [];
  const matchersValue = field(route, 'matchers');
  if (matchersValue !== undefined && !isSeqValue(matchersValue)) out.push(opaque('matchers is not a list', matchersValue.range));
  for (const item of seqItems(route, 'matchers')) {
    const t = text(item);
    const parsed = t === undefined || isTemplated(t) ? undefined : parseMatchers(t);
    if (!parsed) {
      out.push(opaque('the matcher is not literal matcher text', item.range));
      continue;
    }
    for (const m of parsed) out.push({ ...m, range: item.range });
  }
  for (const [key, op] of [
    ['match', '='],
    ['match_re', '=~'],
  ] as const) {
    const map = field(route, key);
    if (map === undefined) continue;
    if (!isMapValue(map)) {
      out.push(opaque(`${key} is not a mapping`, map.range));
      continue;
    }
    for (const e of map.entries) {
      const v = text(e.value);
      if (v === undefined || isTemplated(v)) out.push(opaque(`the ${key} value is not literal`, e.value?.range ?? e.keyRange));
      else out.push({ label: e.key, op, value: v, range: e.keyRange });
    }
  }
  return out;
}

const RESOURCE_OPS: ReadonlySet<string> = new Set(['=', '!=', '=~', '!~']);

/** The custom resource's `matchers: [{name, value, matchType}]` (or the older `regex: true`). */
function resourceMatchers(route: YMap): (Matcher | OpaqueMatcher)[] {
  const out: (Matcher | OpaqueMatcher)[] = [];
  for (const item of seqItems(route, 'matchers')) {
    const name = text(field(item, 'name'));
    const value = text(field(item, 'value')) ?? '';
    const matchType = text(field(item, 'matchType'));
    const op = (matchType ?? (text(field(item, 'regex')) === 'true' ? '=~' : '=')) as MatchOp;
    if (!name || !RESOURCE_OPS.has(op) || isTemplated(value) || isTemplated(name)) {
      out.push(opaque('the matcher is not literal', item.range));
      continue;
    }
    out.push({ label: name, op, value, range: item.range });
  }
  return out;
}

export function buildReceivers(value: YValue | undefined): Receiver[] {
  if (!isSeqValue(value)) return [];
  const receivers: Receiver[] = [];
  for (const item of value.items) {
    if (!isMapValue(item)) continue;
    const nameEntry = entry(item, 'name');
    const name = literal(nameEntry?.value, 'the receiver name') ?? unknown('the receiver has no name', item.range);
    const integrations: Integration[] = [];
    let isOpaque = false;
    for (const e of item.entries) {
      const key = integrationKey(e.key);
      if (!key) continue;
      if (e.value === undefined || (isScalarValue(e.value) && e.value.value === null)) continue;
      if (!isSeqValue(e.value)) {
        isOpaque = true;
        continue;
      }
      for (const target of e.value.items) {
        const url = urlOf(target);
        integrations.push({ key, keyRange: e.keyRange, range: target.range, ...(url ? { url } : {}) });
      }
    }
    receivers.push({
      type: 'Receiver',
      name,
      nameRange: nameEntry?.value?.range ?? item.range,
      integrations,
      opaque: isOpaque,
      range: item.range,
    });
  }
  return receivers;
}

/** Where an integration item sends: its literal URL, or unknown when it is read from a file or a secret. */
function urlOf(target: YValue): Value<string> | undefined {
  if (!isMapValue(target)) return unknown('the integration is not a mapping', target.range);
  for (const key of URL_KEYS) {
    const value = field(target, key);
    if (value === undefined) continue;
    if (isMapValue(value)) return unknown(`${key} is read from a secret`, value.range);
    return literal(value, key);
  }
  for (const key of HIDDEN_URL_KEYS) {
    const e = entry(target, key);
    if (e) return unknown(`${key} is read from a file or a secret`, e.keyRange);
  }
  return undefined;
}

/** `global.slack_api_url` and the other URLs integrations fall back on. */
export function globalUrls(global: YValue | undefined): Record<string, Value<string>> {
  const out: Record<string, Value<string>> = {};
  if (!isMapValue(global)) return out;
  for (const e of global.entries) {
    if (e.key.endsWith('_url')) {
      const value = literal(e.value, e.key);
      if (value) out[e.key] = value;
    } else if (e.key.endsWith('_url_file')) {
      out[e.key.slice(0, -'_file'.length)] = unknown(`${e.key} is read from a file`, e.keyRange);
    }
  }
  return out;
}

