import type { DeploymentUnit, ParsedFile } from './language.js';
import type { ProjectContext } from './rule.js';
import type { LanguageUnits } from './units.js';

/**
 * What rules see of the run: the unit's own index, other languages' whole indexes, every parsed file.
 * Each read is recorded (`unit`, `lang:<id>`, `files`), so a result stored in the memo names what it was
 * computed from and is reused only while all of that is unchanged. One object per file and unit judged:
 * a rule that caches on the project object itself is then never fed another file's reads.
 */
export function projectContext(
  units: { get(languageId: string): LanguageUnits | undefined },
  files: () => readonly string[],
  own: { readonly unit: DeploymentUnit; readonly units: LanguageUnits } | undefined,
  record: (dependency: string) => void,
  facts: <T>(languageId: string, key: string, compute: (file: ParsedFile) => T) => readonly T[],
): ProjectContext {
  return {
    index: <T>(id: string) => {
      if (own && id === own.units.language.id) {
        record('unit');
        return own.units.indexOf(own.unit) as T | undefined;
      }
      record(`lang:${id}`);
      return units.get(id)?.wholeIndex() as T | undefined;
    },
    parsed: (id: string) => {
      record(`lang:${id}`);
      return units.get(id)?.files ?? [];
    },
    factsOf: <T>(id: string, key: string, compute: (file: ParsedFile) => T) => {
      record(`lang:${id}`);
      return facts(id, key, compute);
    },
    get unit() {
      if (own) record('unit');
      return own?.unit;
    },
    get files() {
      record('files');
      return files();
    },
  };
}
