import { known, unknown, type Value } from '@nospof/core';
import { evaluateAll, fullMatch } from './matchers.js';
import type { Matcher, OpaqueMatcher, ReceiverRef, Route } from './types.js';

/** A route with the routes above it, root first. */
export interface RouteAt {
  readonly route: Route;
  readonly ancestors: readonly Route[];
}

/** Where an alert ends up: the route that handles it and the receiver it inherits. */
export interface Delivery extends RouteAt {
  /** The nearest `receiver` on the way down; absent when no route on the way names one. */
  readonly receiver?: ReceiverRef;
}

const MAX_WALK = 10_000;

/** Every route of a tree, depth first in file order, with its ancestors. */
export function walkRoutes(root: Route): RouteAt[] {
  const out: RouteAt[] = [];
  const stack: RouteAt[] = [{ route: root, ancestors: [] }];
  while (stack.length > 0 && out.length < MAX_WALK) {
    const at = stack.pop() as RouteAt;
    out.push(at);
    const ancestors = [...at.ancestors, at.route];
    for (let i = at.route.routes.length - 1; i >= 0; i--) stack.push({ route: at.route.routes[i] as Route, ancestors });
  }
  return out;
}

export function effectiveReceiver(at: RouteAt): ReceiverRef | undefined {
  if (at.route.receiver) return at.route.receiver;
  for (let i = at.ancestors.length - 1; i >= 0; i--) {
    const receiver = (at.ancestors[i] as Route).receiver;
    if (receiver) return receiver;
  }
  return undefined;
}

/**
 * Routes a class of alerts through the tree as Alertmanager does: into each child that matches, in order,
 * stopping after the first match unless it has `continue: true`; a route no child matches handles the
 * alert itself. Only routes that surely match the class are followed (a matcher on a label the class
 * does not fix matches some alerts of it and not others); routes in `path` are taken as matching, since
 * the class is the alerts that reach the last of them. Unknown when a matching route's `continue` is.
 */
export function deliver(root: Route, labels: ReadonlyMap<string, string>, path: ReadonlySet<Route> = new Set()): Value<Delivery[]> {
  const out: Delivery[] = [];
  // The routes above the one being visited; copied only when an alert is delivered.
  const stack: Route[] = [];
  let visits = 0;
  const visit = (route: Route): Value<true> => {
    if (++visits > MAX_WALK) return unknown('the routing tree is too large to follow');
    let matched = false;
    stack.push(route);
    for (const child of route.routes) {
      const match = path.has(child) ? 'yes' : evaluateAll(child.matchers, labels);
      if (match !== 'yes') continue;
      if (!child.continue.known) return child.continue;
      matched = true;
      const inner = visit(child);
      if (!inner.known) return inner;
      if (!child.continue.value) break;
    }
    stack.pop();
    if (!matched) {
      const at: RouteAt = { route, ancestors: [...stack] };
      const receiver = effectiveReceiver(at);
      out.push({ ...at, ...(receiver ? { receiver } : {}) });
    }
    return known(true);
  };
  const result = visit(root);
  return result.known ? known(out) : result;
}

/** True when a delivery is `route` or below it. */
export function isWithin(delivery: RouteAt, route: Route): boolean {
  return delivery.route === route || delivery.ancestors.includes(route);
}

/**
 * The value of `label` among `candidates` that a route's own matchers select positively
 * (`severity="critical"`, `severity=~"critical|page"`), compared case-insensitively for equality.
 */
export function selectedValue(matchers: readonly (Matcher | OpaqueMatcher)[], label: string, candidates: readonly string[]): string | undefined {
  for (const m of matchers) {
    if (m.op === 'opaque' || m.label !== label) continue;
    if (m.op === '=') {
      if (candidates.some((c) => c.toLowerCase() === m.value.toLowerCase())) return m.value;
    } else if (m.op === '=~') {
      for (const c of candidates) {
        for (const variant of [c, c.toLowerCase(), c.toUpperCase(), c.charAt(0).toUpperCase() + c.slice(1).toLowerCase()]) {
          if (fullMatch(m.value, variant) === true) return variant;
        }
      }
    }
  }
  return undefined;
}
