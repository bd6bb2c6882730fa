import type { ParsedFile, Range } from '@nospof/core';
import type { GithubActionsRoot } from './model.js';

/** The job or step block that starts on `line`, so a suppression above it covers the whole block. */
export function githubActionsScopeAt(file: ParsedFile<GithubActionsRoot>, line: number): Range | undefined {
  const root = file.root;
  if (!root) return undefined;
  const jobs = root.type === 'Workflow' ? root.jobs : [];
  for (const job of jobs) {
    if (job.key.start.line === line) return job.range;
    if (job.range.start.line > line || job.range.end.line < line) continue;
    for (const step of job.steps) if (step.range.start.line === line) return step.range;
  }
  if (root.type === 'Action') for (const step of root.steps) if (step.range.start.line === line) return step.range;
  return undefined;
}
