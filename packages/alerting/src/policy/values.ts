import { policyUnknown, type AttributePath, type PolicyValue, type PolicyLocations } from '@nospof/core';
import { isTemplated } from '../yaml/access.js';
import type { YValue } from '../yaml/tree.js';

/** Values converted per resource, and how deep: an alias-heavy or deep document stays cheap. */
const MAX_NODES = 10_000;
const MAX_DEPTH = 64;

/**
 * Converts positioned YAML into policy attributes, recording where each value was written (positions
 * already map into the host file for a configuration embedded in a Secret). `literalOnly` says which
 * strings Alertmanager reads literally, where a template (`{{ .Values.x }}`, `${VAR}`) means the value is
 * filled in by Helm or envsubst and is Unknown; elsewhere (`text:`, `title:`) templates are Alertmanager's
 * own notification templates and are kept as written.
 */
export class YValues {
  private budget = MAX_NODES;

  constructor(
    private readonly file: string,
    readonly locations: PolicyLocations,
    private readonly literalOnly: (path: AttributePath) => boolean,
  ) {}

  value(node: YValue | undefined, path: AttributePath, depth = 0): PolicyValue {
    if (--this.budget < 0 || depth > MAX_DEPTH) return policyUnknown('the configuration is too large to convert here');
    if (!node) return null;
    if (node.kind === 'scalar') {
      this.locations.set(path, this.file, node.range);
      const v = node.value;
      if (typeof v === 'string' && isTemplated(v) && this.literalOnly(path)) return policyUnknown(`"${quote(v)}" is filled in by a template`);
      return v;
    }
    if (node.kind === 'seq') {
      return node.items.map((item, i) => {
        this.locations.set([...path, i], this.file, item.range);
        return this.value(item, [...path, i], depth + 1);
      });
    }
    return this.entries(node, path, new Set(), depth);
  }

  /** A map's entries, leaving out `skip`; a key holding a block is located at the key. */
  entries(node: YValue | undefined, path: AttributePath, skip: ReadonlySet<string> = new Set(), depth = 0): Record<string, PolicyValue> {
    const out: Record<string, PolicyValue> = {};
    if (node?.kind !== 'map') return out;
    for (const e of node.entries) {
      if (skip.has(e.key)) continue;
      this.locations.set([...path, e.key], this.file, e.keyRange);
      out[e.key] = this.value(e.value, [...path, e.key], depth + 1);
    }
    return out;
  }
}

function quote(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return clean.length > 120 ? `${clean.slice(0, 120)}…` : clean;
}
