import type { ModelNode } from './types.js';

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Links a node to its parent without making the link enumerable (no cycles when printed or compared). */
export function setParent<T extends object>(node: T, parent: ModelNode | undefined): T {
  Object.defineProperty(node, 'parent', { value: parent, enumerable: false, writable: true, configurable: true });
  return node;
}
