import type { Value } from '@nospof/core';
import { deliver, evaluateAll, isWithin, selectedValue, walkRoutes, type AlertmanagerConfig, type Delivery, type Route, type RouteAt } from '@nospof/alerting';

export interface CriticalOptions {
  /** The label critical alerts carry (`severity`). */
  readonly label: string;
  /** Its values for alerts that must reach someone (`critical`, `page`). */
  readonly values: readonly string[];
}

/** The route a class of critical alerts takes, and where they end up. */
export interface CriticalPath {
  readonly at: RouteAt;
  readonly labels: ReadonlyMap<string, string>;
  readonly deliveries: Value<readonly Delivery[]>;
  /** True when no route selects critical alerts, so they take the default (root) route. */
  readonly fallback: boolean;
}

const MAX_PATHS = 200;

/** Paths by configuration and options: several rules ask for the same ones. */
const cache = new WeakMap<AlertmanagerConfig, Map<string, CriticalPath[]>>();

/**
 * The routes critical alerts take. A route is critical when a matcher on it or above it selects a
 * critical value of the label (`severity="critical"`, `severity=~"critical|page"`); its class of alerts
 * carries that value and every label the path fixes by equality. When no route is critical, critical
 * alerts follow the default route. Routes a class never reaches (an earlier sibling takes it all) and
 * paths that contradict themselves are left out.
 */
export function criticalPaths(config: AlertmanagerConfig, options: CriticalOptions): CriticalPath[] {
  const key = JSON.stringify([options.label, options.values]);
  let byOptions = cache.get(config);
  if (!byOptions) {
    byOptions = new Map();
    cache.set(config, byOptions);
  }
  let paths = byOptions.get(key);
  if (!paths) {
    paths = findCriticalPaths(config, options);
    byOptions.set(key, paths);
  }
  return paths;
}

function findCriticalPaths(config: AlertmanagerConfig, options: CriticalOptions): CriticalPath[] {
  const root = config.route;
  if (!root) return [];
  const out: CriticalPath[] = [];
  for (const at of walkRoutes(root)) {
    if (at.route === root || out.length >= MAX_PATHS) continue;
    const path: readonly Route[] = [...at.ancestors, at.route];
    let value: string | undefined;
    for (const route of path) value = selectedValue(route.matchers, options.label, options.values) ?? value;
    if (value === undefined) continue;
    const labels = new Map<string, string>();
    for (const route of path) for (const m of route.matchers) if (m.op === '=' && m.label !== options.label) labels.set(m.label, m.value);
    labels.set(options.label, value);
    if (path.some((route) => evaluateAll(route.matchers, labels) === 'no')) continue;
    const deliveries = deliver(root, labels, new Set(path));
    if (deliveries.known && !deliveries.value.some((d) => isWithin(d, at.route))) continue;
    out.push({ at, labels, deliveries, fallback: false });
  }
  if (out.length > 0) return out;
  const value = options.values[0];
  if (value === undefined) return [];
  const labels = new Map([[options.label, value]]);
  // The root of an `AlertmanagerConfig` resource has matchers of its own: it routes only the alerts they select.
  if (evaluateAll(root.matchers, labels) !== 'yes') return [];
  return [{ at: { route: root, ancestors: [] }, labels, deliveries: deliver(root, labels), fallback: true }];
}

export const criticalSchema = {
  label: { type: 'string', minLength: 1, description: 'The label that marks alerts someone must be paged for (default `severity`).' },
  values: {
    type: 'array',
    items: { type: 'string', minLength: 1 },
    minItems: 1,
    description: 'Values of that label for alerts that must reach someone (default `critical` and `page`).',
  },
} as const;

export const criticalDefaults: CriticalOptions = { label: 'severity', values: ['critical', 'page'] };

/**
 * True when the path selects alerts by name (`alertname="KubeletDown"`): such routes send named alerts
 * somewhere on purpose (often to be silenced), and are not judged like the routes of a severity.
 */
export function selectsAlertname(at: RouteAt): boolean {
  return [...at.ancestors, at.route].some((route) => route.matchers.some((m) => m.op !== 'opaque' && m.label === 'alertname' && (m.op === '=' || m.op === '=~')));
}
