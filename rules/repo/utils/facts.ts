import type { ParsedFile, Position, ProjectContext, Range } from '@nospof/core';
import type { GithubActionsRoot } from '@nospof/github-actions';
import type { JenkinsFile } from '@nospof/jenkins';
import { githubActionsFacts } from '../../github-actions/utils/facts.js';
import { jenkinsFacts } from '../../jenkins/utils/facts.js';
import type { RepositoryFact } from '../../shared/repository-fact.js';

export type { RepositoryFact };

const factsByProject = new WeakMap<ProjectContext, readonly RepositoryFact[]>();

/**
 * The scanners and alert channels every pipeline file of the run uses, worked out once per run. Each
 * file's facts are drawn through `project.factsOf`, so after an edit an incremental run recomputes them
 * for the edited file only. The keys name the fact readers: change a reader, change its key.
 */
export function repositoryFacts(project: ProjectContext): readonly RepositoryFact[] {
  let facts = factsByProject.get(project);
  if (!facts) {
    facts = [
      ...project.factsOf('github-actions', 'repo/facts/github-actions/v1', (f) => githubActionsFacts(f as ParsedFile<GithubActionsRoot>)).flat(),
      ...project.factsOf('jenkins', 'repo/facts/jenkins/v1', (f) => jenkinsFacts(f as ParsedFile<JenkinsFile>)).flat(),
    ];
    factsByProject.set(project, facts);
  }
  return facts;
}

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
