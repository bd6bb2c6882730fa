import type { Position, Range, RepositoryFact } from '@nospof/core';

/** Facts of one kind in a stable order (file, then position), so findings land on the same place each run. */
export function factsOf(facts: readonly RepositoryFact[], kind: string, filter: (f: RepositoryFact) => boolean = () => true): RepositoryFact[] {
  return facts
    .filter((f) => f.kind === kind && filter(f))
    .sort((a, b) => (a.file === b.file ? a.range.start.offset - b.range.start.offset : a.file < b.file ? -1 : 1));
}

export function distinctNames(facts: readonly RepositoryFact[]): string[] {
  return [...new Set(facts.map((f) => f.name))].sort();
}

/** Pipeline definitions every pipeline language reads: GitHub workflows and Jenkinsfiles. */
export function isPipelineFile(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  return /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(p) || /^Jenkinsfile(?:\..+)?$/.test(base) || /\.(?:jenkinsfile|Jenkinsfile)$/.test(base);
}

const START: Position = { line: 1, column: 1, offset: 0 };

/** The start of a file, for findings about something a file lacks. */
export const FILE_START: Range = { start: START, end: START };
