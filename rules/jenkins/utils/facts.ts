import type { ParsedFile } from '@nospof/core';
import { allSteps, runsOnFailure, type JenkinsFile } from '@nospof/jenkins';
import { notificationChannels, securityScanners } from '../../shared/catalog/index.js';
import type { RepositoryFact } from '../../shared/repository-fact.js';
import { matchCatalog } from './tools.js';
/** Security scanners and alert channels a Jenkinsfile uses, for repository rules. */
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
