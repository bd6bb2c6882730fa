import { known, unknown, type Value } from '@nospof/core';
import type { Directive, Section, Server, Word } from './model.js';

export type TimeoutName = 'connect' | 'client' | 'server';

/** Keywords of HAProxy 1.x that set the same timeouts (`contimeout 5000`). */
const LEGACY_TIMEOUTS: Readonly<Record<string, TimeoutName>> = { contimeout: 'connect', clitimeout: 'client', srvtimeout: 'server' };

export interface TimeoutSetting {
  readonly directive: Directive;
  /** Milliseconds; 0 means the timeout is disabled. */
  readonly value: Value<number>;
}

const UNITS: Readonly<Record<string, number>> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, '': 1 };

/** An HAProxy time value (`5s`, `5000`, `1m30s` is not valid HAProxy): milliseconds, unknown when dynamic. */
export function parseDuration(word: Word | undefined): Value<number> {
  if (!word) return unknown('the timeout has no value');
  if (word.dynamic) return unknown('the value is filled in when the file is loaded', word.range);
  const match = /^(\d{1,12})(us|ms|s|m|h|d)?$/.exec(word.text);
  if (!match) return unknown(`"${word.text.slice(0, 20)}" is not a time value`, word.range);
  return known(Number(match[1]) * (UNITS[match[2] ?? ''] as number), word.range);
}

/** The last `timeout <name>` (or its 1.x spelling) of a section: later lines override earlier ones. */
export function timeoutIn(section: Section, name: TimeoutName): TimeoutSetting | undefined {
  let found: TimeoutSetting | undefined;
  for (const directive of section.directives) {
    if (directive.prefix) continue;
    if (directive.keyword === 'timeout' && directive.args[0]?.text === name) found = { directive, value: parseDuration(directive.args[1]) };
    else if (LEGACY_TIMEOUTS[directive.keyword] === name) found = { directive, value: parseDuration(directive.args[0]) };
  }
  return found;
}

/** `disabled` in a proxy: HAProxy loads it stopped. */
export function isDisabled(section: Section): boolean {
  return section.directives.some((d) => d.keyword === 'disabled' && !d.prefix && d.args.length === 0);
}

/** Options that define how a health check talks to a server; none of them starts a check without `check`. */
export const HEALTH_CHECK_OPTIONS: ReadonlySet<string> = new Set([
  'httpchk',
  'pgsql-check',
  'mysql-check',
  'redis-check',
  'smtpchk',
  'ldap-check',
  'ssl-hello-chk',
  'tcp-check',
  'spop-check',
  'external-check',
]);

/** The health-check option (`option httpchk`) a section sets, if any. */
export function healthCheckOption(section: Section): Directive | undefined {
  let found: Directive | undefined;
  for (const d of section.directives) {
    if (d.keyword !== 'option' || !HEALTH_CHECK_OPTIONS.has(d.args[0]?.text ?? '')) continue;
    found = d.prefix === 'no' ? undefined : d;
  }
  return found;
}

/** The `default-server` lines of a section, in order. */
export function defaultServers(section: Section): readonly Directive[] {
  return section.directives.filter((d) => d.keyword === 'default-server' && !d.prefix);
}

export interface CheckState {
  /** True when HAProxy health-checks the server; unknown when a dynamic word may add or remove `check`. */
  readonly checked: Value<boolean>;
  /** The word that decided: the server's own `check`/`track`/`no-check`, or a `default-server` one. */
  readonly decidedBy?: Word;
  /** The section of the `default-server` line that decided; absent when the server's own words did. */
  readonly decidedIn?: Section;
}

function stateOf(words: readonly Word[], previous: CheckState, section?: Section): CheckState {
  let state = previous;
  const where = section ? { decidedIn: section } : {};
  for (const word of words) {
    if (word.dynamic) state = { checked: unknown('a server parameter is filled in when the file is loaded', word.range), decidedBy: word, ...where };
    else if (word.text === 'check' || word.text === 'track') state = { checked: known(true, word.range), decidedBy: word, ...where };
    else if (word.text === 'no-check') state = { checked: known(false, word.range), decidedBy: word, ...where };
  }
  return state;
}

/**
 * What the `default-server` lines a section inherits say about checks: `defaults` first, the section's own
 * last. Computed once per section; `checkState` adds each server's own words.
 */
export function defaultCheckState(section: Section, defaultsChain: readonly Section[]): CheckState {
  let state: CheckState = { checked: known(false) };
  for (const defaults of [...defaultsChain].reverse()) for (const d of defaultServers(defaults)) state = stateOf(d.args, state, defaults);
  for (const d of defaultServers(section)) state = stateOf(d.args, state, section);
  return state;
}

/**
 * Whether HAProxy health-checks a server: its own `check` (or `track` of a checked server) or one from
 * the `default-server` lines it inherits (see `defaultCheckState`); `no-check` turns it off again.
 */
export function checkState(server: Server, inherited: CheckState): CheckState {
  return stateOf(server.params, inherited);
}

/** True for a server parked in maintenance (`disabled`): it takes no traffic, so its checks do not matter. */
export function isDisabledServer(server: Server): boolean {
  return server.params.some((w) => w.text === 'disabled' && !w.dynamic);
}
