import type { DeploymentUnit, ParsedFile } from './language.js';
import type { ProjectContext } from './rule.js';
import type { LanguageUnits } from './units.js';

/**
 * What rules see of the run: the unit's own index, other languages' whole indexes, every parsed file.
 * Each read is recorded (`unit`, or `shape` and `file:<path>` for a watched index, `lang:<id>`, `files`,
 * `exists:<path>`), so a result stored in the memo names what it was
 * computed from and is reused only while all of that is unchanged. One object per file and unit judged:
 * a rule that caches on the project object itself is then never fed another file's reads. Without
 * `record` (a run with no memo) nothing is recorded: the unit's index is handed out as it is, one for
 * every file of the unit, so what rules work out once per index is worked out once per unit.
 */
export function projectContext(
  units: { get(languageId: string): LanguageUnits | undefined },
  files: () => readonly string[],
  own: { readonly unit: DeploymentUnit; readonly units: LanguageUnits; readonly path: string } | undefined,
  record: ((dependency: string) => void) | undefined,
  facts: <T>(languageId: string, key: string, compute: (file: ParsedFile) => T) => readonly T[],
  exists: (path: string) => boolean | undefined = () => undefined,
): ProjectContext {
  let watchedIndex: unknown;
  return {
    index: <T>(id: string) => {
      if (own && id === own.units.language.id) {
        const index = own.units.indexOf(own.unit);
        const watch = own.units.language.watchIndex;
        if (index === undefined || !own.units.watched || !watch || !record) {
          record?.('unit');
          return index as T | undefined;
        }
        // The unit's shape, and each file the index hands out (its own file is in the judgement's key already).
        record('shape');
        watchedIndex ??= watch.call(own.units.language, index, (path) => {
          if (path !== own.path) record(`file:${path}`);
        });
        return watchedIndex as T;
      }
      record?.(`lang:${id}`);
      return units.get(id)?.wholeIndex() as T | undefined;
    },
    parsed: (id: string) => {
      record?.(`lang:${id}`);
      return units.get(id)?.files ?? [];
    },
    factsOf: <T>(id: string, key: string, compute: (file: ParsedFile) => T) => {
      record?.(`lang:${id}`);
      return facts(id, key, compute);
    },
    get unit() {
      if (own) record?.('unit');
      return own?.unit;
    },
    get files() {
      record?.('files');
      return files();
    },
    exists: (path: string) => {
      record?.(`exists:${path}`);
      return exists(path);
    },
  };
}
