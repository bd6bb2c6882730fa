import { notificationChannels, securityScanners } from '@nospof/core';
import type { ParsedFile, RepositoryFact } from '@nospof/core';
import { allSteps, enclosingPostCondition } from './model/navigate.js';
import type { JenkinsFile, Step } from './model/types.js';
import { matchCatalog } from './tool-match.js';

const failurePostConditions: ReadonlySet<string> = new Set(['failure', 'unsuccessful', 'always']);

/** True when the step runs when the build fails: a failure `post` condition or a `catch` block. */
export function runsOnFailure(step: Step): boolean {
  const condition = enclosingPostCondition(step);
  if (condition) return failurePostConditions.has(condition.condition);
  return step.handler === 'catch';
}

export function jenkinsFacts(file: ParsedFile<JenkinsFile>): RepositoryFact[] {
  const root = file.root;
  if (!root) return [];
  const facts: RepositoryFact[] = [];
  for (const step of allSteps(root)) {
    for (const scanner of matchCatalog(step, securityScanners)) {
      facts.push({ kind: 'security-scanner', name: scanner.name, file: file.source.path, range: step.range });
    }
    for (const channel of matchCatalog(step, notificationChannels)) {
      facts.push({ kind: 'notification-channel', name: channel.name, file: file.source.path, range: step.range, onFailure: runsOnFailure(step) });
    }
  }
  return facts;
}
