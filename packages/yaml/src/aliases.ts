import { isNode, visit, type Alias, type Document, type Node } from 'yaml';

/**
 * What each alias of a document names: the latest node before it carrying its anchor (YAML lets a later
 * anchor of the same name take over), or undefined when none does. One walk for the whole document: the
 * `yaml` package's own `Alias.resolve` walks the document once per alias, which a file of many aliases
 * turns into quadratic work.
 */
export function aliasTargets(doc: Document.Parsed): Map<Alias, Node | undefined> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  visit(doc, {
    Alias(_, alias) {
      targets.set(alias, anchors.get(alias.source));
    },
    Node(_, node) {
      // Set on entering the node, before its children: an alias inside the anchored collection names it.
      if (isNode(node) && node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}
