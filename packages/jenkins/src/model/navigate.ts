import { traverse } from '@nospof/core';
import type { Node } from '@nospof/core';
import { visitorKeys } from './visitor-keys.js';
import type { JenkinsFile, ModelNode, Pipeline, PostCondition, Stage, Step } from './types.js';

/** Parents from the nearest outwards. */
export function ancestors(node: ModelNode): ModelNode[] {
  const out: ModelNode[] = [];
  for (let p = node.parent; p; p = p.parent) out.push(p);
  return out;
}

/** Steps whose closures hold `node`, nearest first: the wrapper chain (`timeout`, `retry`, `node` ...). */
export function enclosingSteps(node: ModelNode): Step[] {
  return ancestors(node).filter((a): a is Step => a.type === 'Step');
}

export function wrappedBy(node: ModelNode, names: ReadonlySet<string> | readonly string[]): Step | undefined {
  const set = names instanceof Set ? names : new Set(names as readonly string[]);
  return enclosingSteps(node).find((s) => set.has(s.name));
}

export function enclosingStages(node: ModelNode): Stage[] {
  return ancestors(node).filter((a): a is Stage => a.type === 'Stage');
}

export function enclosingPostCondition(node: ModelNode): PostCondition | undefined {
  return ancestors(node).find((a): a is PostCondition => a.type === 'PostCondition');
}

export function enclosingPipeline(node: ModelNode): Pipeline | undefined {
  return ancestors(node).find((a): a is Pipeline => a.type === 'Pipeline');
}

const byTypeCache = new WeakMap<JenkinsFile, ReadonlyMap<string, readonly ModelNode[]>>();

/** Every model node by type, in document order, from one traversal (the model never changes once built). */
function nodesByType(root: JenkinsFile): ReadonlyMap<string, readonly ModelNode[]> {
  let byType = byTypeCache.get(root);
  if (!byType) {
    const map = new Map<string, ModelNode[]>();
    traverse(root, visitorKeys, {
      enter(node: Node) {
        const list = map.get(node.type);
        if (list) list.push(node as ModelNode);
        else map.set(node.type, [node as ModelNode]);
      },
      leave() {},
    });
    byType = map;
    byTypeCache.set(root, byType);
  }
  return byType;
}

/** Every model node of `type` in document order. */
export function nodesOfType<T extends ModelNode>(root: JenkinsFile, type: T['type']): T[] {
  return [...((nodesByType(root).get(type) ?? []) as readonly T[])];
}

export function allSteps(root: JenkinsFile): Step[] {
  return nodesOfType<Step>(root, 'Step');
}

export function allStages(root: JenkinsFile): Stage[] {
  return nodesOfType<Stage>(root, 'Stage');
}

/** Steps inside `steps` (depth first), including the wrapped ones. */
export function flattenSteps(steps: readonly Step[]): Step[] {
  const out: Step[] = [];
  const stack = [...steps].reverse();
  while (stack.length > 0) {
    const s = stack.pop() as Step;
    out.push(s);
    for (let i = s.body.length - 1; i >= 0; i--) stack.push(s.body[i] as Step);
  }
  return out;
}

/** A stage's options entry by name (`timeout`, `retry`, `lock`). */
export function optionNamed(holder: { readonly options?: { readonly entries: readonly Step[] } | undefined }, name: string): Step | undefined {
  return holder.options?.entries.find((e) => e.name === name);
}

/** The resource a finding on `node` belongs to: its own, or the nearest enclosing node's. */
export function resourceOf(node: ModelNode): string | undefined {
  for (let n: ModelNode | undefined = node; n; n = n.parent) if (n.resource !== undefined) return n.resource;
  return undefined;
}
