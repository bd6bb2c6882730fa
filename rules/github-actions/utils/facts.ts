import type { ParsedFile } from '@nospof/core';
import { runsOnFailure, type GithubActionsRoot, type Job, type Step } from '@nospof/github-actions';
import { notificationChannels, securityScanners } from '../../shared/catalog/index.js';
import type { RepositoryFact } from '../../shared/repository-fact.js';
import { stepTools } from './tools.js';

function stepFacts(file: string, step: Step, job: Job | undefined): RepositoryFact[] {
  const scanners = stepTools(step, securityScanners);
  const channels = stepTools(step, notificationChannels);
  if (scanners.length === 0 && channels.length === 0) return [];
  const facts: RepositoryFact[] = [];
  const range = step.uses?.value.range ?? step.run?.key ?? step.range;
  for (const tool of scanners) facts.push({ kind: 'security-scanner', name: tool.name, file, range });
  const onFailure = runsOnFailure(step.if) || runsOnFailure(job?.if);
  for (const tool of channels) facts.push({ kind: 'notification-channel', name: tool.name, file, range, onFailure });
  return facts;
}

/** Security scanners and alert channels a workflow or composite action uses, for repository rules. */
export function githubActionsFacts(file: ParsedFile<GithubActionsRoot>): RepositoryFact[] {
  const root = file.root;
  if (!root) return [];
  const path = file.source.path;
  if (root.type === 'Action') return root.steps.flatMap((step) => stepFacts(path, step, undefined));
  return root.jobs.flatMap((job) => job.steps.flatMap((step) => stepFacts(path, step, job)));
}
