import type { Node } from './node.js';

export interface TraversalHandlers {
  enter(node: Node, resource: string | undefined): void;
  leave(node: Node, resource: string | undefined): void;
}

interface Frame {
  readonly node: Node;
  readonly resource: string | undefined;
  visited: boolean;
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
  const stack: Frame[] = [{ node: root, resource: root.resource, visited: false }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.visited) {
      stack.pop();
      handlers.leave(frame.node, frame.resource);
      continue;
    }
    frame.visited = true;
    handlers.enter(frame.node, frame.resource);
    const keys = visitorKeys[frame.node.type];
    if (!keys) continue;
    const children: Node[] = [];
    for (const key of keys) {
      const child = (frame.node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child) if (isNode(item)) children.push(item);
      } else if (isNode(child)) {
        children.push(child);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i] as Node;
      stack.push({ node: child, resource: child.resource ?? frame.resource, visited: false });
    }
  }
}
