import { isMap, isScalar, parseDocument, visit, YAMLParseError, type Document, type LineCounter } from 'yaml';

/** More aliases than a configuration or policy file ever needs; each costs `toJS` a walk of the whole document. */
export const MAX_USER_ALIASES = 1_000;

/**
 * A YAML file the user writes (a configuration, a policy file), parsed in time linear in its size. The
 * `yaml` package's `uniqueKeys` compares each key of a map with every other one, and its `toJS` walks the
 * whole document for each alias: a hostile file of tens of thousands of keys or aliases (a pull request
 * can hold one) took minutes. Duplicate keys are found here with one set per map and added to
 * `doc.errors` as `DUPLICATE_KEY`, as `uniqueKeys` would; `aliases` lets the caller refuse a file with more
 * than `MAX_USER_ALIASES` before `toJS`.
 */
export function parseUserYaml(text: string, lineCounter?: LineCounter): { readonly doc: Document.Parsed; readonly aliases: number } {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, ...(lineCounter ? { lineCounter } : {}) });
  let aliases = 0;
  visit(doc, {
    Alias() {
      aliases++;
    },
    Map(_, map) {
      if (!isMap(map)) return;
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = `${typeof pair.key.value}:${String(pair.key.value)}`;
        if (!seen.has(key)) {
          seen.add(key);
          continue;
        }
        const range = pair.key.range ?? [0, 0, 0];
        doc.errors.push(new YAMLParseError([range[0], range[1]], 'DUPLICATE_KEY', 'Map keys must be unique'));
      }
    },
  });
  return { doc, aliases };
}
