import type { YValue } from '../yaml/tree.js';

/**
 * The positioned YAML a configuration, a Prometheus `alerting` block or an Alertmanager resource was
 * read from, kept for what user policies see of it (every key as written). Weak: it lives as long as the
 * model node does.
 */
const trees = new WeakMap<object, YValue>();

export function rememberTree<T extends object>(node: T, tree: YValue | undefined): T {
  if (tree) trees.set(node, tree);
  return node;
}

export function treeOf(node: object): YValue | undefined {
  return trees.get(node);
}
