import { toPolicyValue, type AttributePath, type DeploymentUnit, type Language, type ParsedFile, type PolicyObject, type PolicyResource, type PolicyUnit, type Range } from '@nospof/core';
import { kubernetesLanguage } from '@nospof/kubernetes';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';

/**
 * For in-process API tests while the Kubernetes language has no `policyUnit` of its own: every YAML
 * document with a kind and a name is a resource whose attributes are the document. When the language has
 * its own, tests run against that one (`install` leaves it in place).
 */
function manifestPolicyUnit(unit: DeploymentUnit, files: readonly ParsedFile[]): PolicyUnit {
  const resources: PolicyResource[] = [];
  for (const parsed of files) {
    const file = parsed.source.path;
    const lines = new LineCounter();
    for (const doc of parseAllDocuments(parsed.source.text, { lineCounter: lines })) {
      if ('empty' in doc || doc.errors.length > 0) continue;
      const value = toPolicyValue(doc.toJS()) as PolicyObject;
      const metadata = value.metadata as PolicyObject | undefined;
      if (typeof value.kind !== 'string' || typeof metadata?.name !== 'string') continue;
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
        id: `${value.kind}/${namespace}/${metadata.name}`,
        type: value.kind,
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
  }
  return { language: 'kubernetes', unit: unit.id, resources, files: files.map((f) => f.source.path) };
}

/** Gives the Kubernetes language a policy model for the test when it has none; returns the undo. */
export function installManifestPolicyUnit(): () => void {
  const language = kubernetesLanguage as unknown as { policyUnit?: Language['policyUnit'] };
  if (language.policyUnit) return () => undefined;
  language.policyUnit = manifestPolicyUnit;
  return () => {
    delete language.policyUnit;
  };
}
