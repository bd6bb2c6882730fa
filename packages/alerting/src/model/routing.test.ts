import { describe, expect, it } from 'vitest';
import { SourceFile } from '@nospof/core';
import { alertingLanguage } from '../language.js';
import { fullMatch, parseMatchers } from './matchers.js';
import { deliver, selectedValue, walkRoutes } from './routing.js';
import type { Route } from './types.js';

function routeOf(text: string): Route {
  const parsed = alertingLanguage.parse(new SourceFile('alertmanager.yml', text));
  const route = parsed.root?.configs[0]?.route;
  if (!route) throw new Error('no route');
  return route;
}

const names = (value: ReturnType<typeof deliver>) => (value.known ? value.value.map((d) => (d.receiver?.name.known ? d.receiver.name.value : '?')) : 'unknown');

describe('matcher text', () => {
  it('reads every operator, quoting and lists in braces', () => {
    expect(parseMatchers('severity="critical"')).toEqual([{ label: 'severity', op: '=', value: 'critical' }]);
    expect(parseMatchers(' team =~ "db|web" ')).toEqual([{ label: 'team', op: '=~', value: 'db|web' }]);
    expect(parseMatchers('alertname!=Watchdog')).toEqual([{ label: 'alertname', op: '!=', value: 'Watchdog' }]);
    expect(parseMatchers('{a="b\\"c", d!~"e"}')).toEqual([
      { label: 'a', op: '=', value: 'b"c' },
      { label: 'd', op: '!~', value: 'e' },
    ]);
    expect(parseMatchers('no operator')).toBeUndefined();
    expect(parseMatchers('a="unterminated')).toBeUndefined();
  });
});

describe('regular expressions of routes', () => {
  it('matches the subset routes use, anchored', () => {
    expect(fullMatch('critical|page', 'page')).toBe(true);
    expect(fullMatch('(critical|page)', 'critical')).toBe(true);
    expect(fullMatch('^crit.*$', 'critical')).toBe(true);
    expect(fullMatch('crit', 'critical')).toBe(false);
    expect(fullMatch('warn(ing)?', 'warning')).toBe(true);
    expect(fullMatch('p[0-9]', 'p1')).toBeUndefined();
    expect(fullMatch('(?i)critical', 'critical')).toBeUndefined();
    expect(fullMatch('a\\.b', 'a.b')).toBe(true);
  });

  it('stays linear on adversarial patterns and subjects', () => {
    const started = performance.now();
    expect(fullMatch('a*a*a*a*a*a*a*a*a*b', 'a'.repeat(100_000))).toBe(false);
    expect(fullMatch('(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)(a|a)', 'a'.repeat(7))).toBeUndefined();
    expect(fullMatch(`${'.*'.repeat(200)}x`, 'y'.repeat(20_000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('routing a class of alerts', () => {
  const tree = routeOf(`
route:
  receiver: default
  routes:
    - receiver: everything-too
      continue: true
    - matchers: [team="db"]
      receiver: db
    - matchers: [severity=~"critical|page"]
      receiver: pager
      routes:
        - matchers: [service="billing"]
          receiver: billing
    - matchers: [severity="warning"]
      receiver: tickets
receivers: []
`);

  it('follows continue, skips routes that only some alerts of the class match', () => {
    expect(names(deliver(tree, new Map([['severity', 'critical']])))).toEqual(['everything-too', 'pager']);
    // A matching child, even one with `continue`, means the parent does not handle the alert itself.
    expect(names(deliver(tree, new Map([['severity', 'info']])))).toEqual(['everything-too']);
  });

  it('takes the routes of a path as matching', () => {
    const billing = walkRoutes(tree).find((r) => r.route.receiver?.name.known && r.route.receiver.name.value === 'billing')!;
    const path = new Set([...billing.ancestors, billing.route]);
    expect(names(deliver(tree, new Map([['severity', 'critical']]), path))).toEqual(['everything-too', 'billing']);
  });

  it('is unknown when a matching route has a templated continue', () => {
    const templated = routeOf('route:\n  receiver: a\n  routes:\n    - receiver: b\n      continue: "{{ .Values.c }}"\nreceivers: []\n');
    expect(deliver(templated, new Map()).known).toBe(false);
  });

  it('finds the critical value a route selects', () => {
    const [, , critical, warning] = tree.routes;
    expect(selectedValue(critical!.matchers, 'severity', ['critical', 'page'])).toBe('critical');
    expect(selectedValue(warning!.matchers, 'severity', ['critical', 'page'])).toBeUndefined();
  });
});
