/** A generated monorepo: path -> text. */
export function generateMonorepo(options?: { files?: number; seed?: number }): Map<string, string>;
/** Writes the files under `root` (emptied first) with a `.git` marker and a `.nospof.yaml`. */
export function writeTree(root: string, files: ReadonlyMap<string, string>, config?: string): void;
/** One random change to `files` (edited, added, deleted or restructured file); returns what it did. */
export function randomEdit(random: () => number, files: Map<string, string>): string;
