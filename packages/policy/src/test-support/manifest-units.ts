import { toPolicyValue, type AttributePath, type PolicyObject, type PolicyResource, type PolicyUnit, type Range } from '@nospof/core';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';

/**
 * A stand-in for the Kubernetes language's unit builder: every YAML document with a kind and a name is a
 * resource whose attributes are the document, and `locate` finds a path's value in the text.
 */
export function manifestUnits(language: string, files: readonly { path: string | undefined; text: string }[]): PolicyUnit[] {
  const resources: PolicyResource[] = [];
  const paths = files.map((f, i) => f.path ?? (i === 0 ? 'manifest.yaml' : `manifest-${i}.yaml`));
  files.forEach((f, i) => {
    const file = paths[i] as string;
    const lines = new LineCounter();
    for (const doc of parseAllDocuments(f.text, { lineCounter: lines })) {
      if ('empty' in doc) continue;
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
      const value = toPolicyValue(doc.toJS()) as PolicyObject;
      const kind = value.kind;
      const metadata = value.metadata as PolicyObject | undefined;
      if (typeof kind !== 'string' || typeof metadata?.name !== 'string') continue;
      const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : 'default';
      const range = (node: YamlNode | null | undefined): Range | undefined => {
        if (!node?.range) return undefined;
        const [start, end] = node.range;
        const a = lines.linePos(start);
        const b = lines.linePos(end);
        return { start: { line: a.line, column: a.col, offset: start }, end: { line: b.line, column: b.col, offset: end } };
      };
      const kindNode = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'kind')?.value : undefined;
      resources.push({
        id: `${kind}/${namespace}/${metadata.name}`,
        type: kind,
        name: metadata.name,
        namespace,
        file,
        range: range(kindNode as YamlNode) ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
        attributes: value,
        locate(path: AttributePath) {
          let node: unknown = doc.contents;
          for (const segment of path) {
            if (isMap(node)) node = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment))?.value;
            else if (isSeq(node) && typeof segment === 'number') node = node.items[segment];
            else return undefined;
            if (node === undefined || node === null) return undefined;
          }
          const found = range(node as YamlNode);
          return found ? { file, range: found } : undefined;
        },
      });
    }
  });
  return resources.length === 0 ? [] : [{ language, unit: 'test', resources, files: paths }];
}
