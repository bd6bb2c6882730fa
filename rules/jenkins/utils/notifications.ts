import { flattenSteps, scriptOf } from '@nospof/jenkins';
import { notificationChannels } from '../../shared/catalog/index.js';
import { matchCatalog } from './tools.js';
import type { FunctionDef, JenkinsFile, Step } from '@nospof/jenkins';

/** Alert channels a step sends to (`slackSend` -> slack, `sh 'curl ... hooks.slack.com'` -> slack). */
export function channelsOf(step: Step): string[] {
  return matchCatalog(step, notificationChannels).map((t) => t.name);
}

/**
 * Steps that ship with Jenkins or common plugins and never send an alert. Any other call may be a
 * shared-library step that notifies, so it makes the outcome unknown.
 */
const quietSteps: ReadonlySet<string> = new Set([
  'echo', 'println', 'print', 'error', 'unstable', 'warnError', 'catchError', 'script', 'dir', 'deleteDir', 'cleanWs',
  'junit', 'archiveArtifacts', 'publishHTML', 'recordIssues', 'jacoco', 'publishCoverage', 'recordCoverage',
  'stash', 'unstash', 'writeFile', 'readFile', 'fileExists', 'sleep', 'timeout', 'retry', 'node', 'stage', 'lock',
  'withEnv', 'withCredentials', 'wrap', 'timestamps', 'ansiColor', 'milestone', 'checkout', 'git', 'build', 'input',
  'setBuildStatus', 'githubNotify', 'updateGitlabCommitStatus', 'gitlabCommitStatus', 'step', 'fingerprint',
  'copyArtifacts', 'readJSON', 'writeJSON', 'readYaml', 'writeYaml', 'readProperties', 'tool', 'container',
  'buildName', 'buildDescription', 'addBadge', 'addShortText', 'isUnix', 'pwd', 'waitUntil', 'parallel', 'cleanup',
  'sh', 'bat', 'powershell', 'pwsh',
]);

/** A shell script that might alert through a helper of its own (`./notify.sh`, a bare `curl`). */
const mayAlert = /notif|alert|webhook|curl|wget|sendmail|page/i;

export interface ChannelCount {
  readonly channels: ReadonlySet<string>;
  /** A call whose effect is unknown (a library step, a script that might alert). */
  readonly unknown: boolean;
}

/** Channels the steps (and local helper functions they call) alert on. */
export function countChannels(steps: readonly Step[], file: JenkinsFile): ChannelCount {
  const channels = new Set<string>();
  let unknown = false;
  const functions = new Map<string, FunctionDef>(file.functions.map((f) => [f.name, f]));
  const seen = new Set<string>();
  const visit = (list: readonly Step[], depth: number): void => {
    for (const step of flattenSteps(list)) {
      const found = channelsOf(step);
      for (const c of found) channels.add(c);
      if (found.length > 0) continue;
      const fn = step.qualifiedName === step.name ? functions.get(step.name) : undefined;
      if (fn) {
        if (!seen.has(fn.name) && depth < 4) {
          seen.add(fn.name);
          visit(fn.steps, depth + 1);
        }
        continue;
      }
      const script = scriptOf(step);
      if (script !== undefined) {
        if (mayAlert.test(script)) unknown = true;
        continue;
      }
      if (!quietSteps.has(step.name) || step.qualifiedName !== step.name) unknown = true;
    }
  };
  visit(steps, 0);
  return { channels, unknown };
}
