import type { Node } from './node.js';

export interface TraversalHandlers {
  enter(node: Node, resource: string | undefined): void;
  leave(node: Node, resource: string | undefined): void;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * Depth-first walk driven by `visitorKeys`. It keeps an explicit stack rather than recursing, so a
 * pathologically deep tree from hostile input cannot overflow the call stack.
 */
export function traverse(
  root: Node,
  visitorKeys: Readonly<Record<string, readonly string[]>>,
  handlers: TraversalHandlers,
): void {
  // Three parallel stacks (node, its resource, whether it was entered) instead of a frame object and a
  // list of children per node. Children are pushed last to first, so they are entered first to last.
  const nodes: Node[] = [root];
  const resources: (string | undefined)[] = [root.resource];
  const entered: boolean[] = [false];
  while (nodes.length > 0) {
    const top = nodes.length - 1;
    const node = nodes[top] as Node;
    const resource = resources[top];
    if (entered[top]) {
      nodes.pop();
      resources.pop();
      entered.pop();
      handlers.leave(node, resource);
      continue;
    }
    entered[top] = true;
    handlers.enter(node, resource);
    const keys = visitorKeys[node.type];
    if (!keys) continue;
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k] as string];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const item: unknown = child[i];
          if (!isNode(item)) continue;
          nodes.push(item);
          resources.push(item.resource ?? resource);
          entered.push(false);
        }
      } else if (isNode(child)) {
        nodes.push(child);
        resources.push(child.resource ?? resource);
        entered.push(false);
      }
    }
  }
}
