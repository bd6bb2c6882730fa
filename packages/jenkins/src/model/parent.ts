import type { ModelNode } from './types.js';

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Links a node to its parent without making the link enumerable (no cycles when printed or compared). */
export function setParent<T extends object>(node: T, parent: ModelNode | undefined): T {
  Object.defineProperty(node, 'parent', { value: parent, enumerable: false, writable: true, configurable: true });
  return node;
}

/**
 * Stable identity of a stage for baselines and suppressions: its name path (`stage:Deploy/Production`),
 * which survives edits that move lines. Unnamed (computed) stages borrow their parent's identity.
 */
export function stageResource(name: string | undefined, parent: ModelNode | undefined): string | undefined {
  let outer: string | undefined;
  for (let p = parent; p; p = p.parent) {
    if (p.resource?.startsWith('stage:')) {
      outer = p.resource;
      break;
    }
  }
  if (name === undefined) return outer;
  return outer ? `${outer}/${name}` : `stage:${name}`;
}
