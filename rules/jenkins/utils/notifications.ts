import { flattenRuns, scriptOf } from '@nospof/jenkins';
import type { Run, Step, TryGuard } from '@nospof/jenkins';
import { notificationChannels } from '../../shared/catalog/index.js';
import type { FileFlow } from './flow.js';
import { matchCatalog } from './tools.js';

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
  'sh', 'bat', 'powershell', 'pwsh', 'load', 'library', 'properties', 'podTemplate', 'containerTemplate',
  'withMaven', 'withDockerRegistry', 'withDockerContainer', 'withKubeConfig', 'withAWS', 'sshagent', 'configFileProvider',
  'withSonarQubeEnv', 'waitForQualityGate', 'publishChecks', 'discoverGitReferenceBuild', 'emailextrecipients',
  'currentBuild', 'usernamePassword', 'string', 'file', 'sshUserPrivateKey', 'certificate', 'dockerCert',
]);

/**
 * Methods of Groovy's and the JDK's strings, lists and maps (`summary.join('\\n')`,
 * `report.readLines().each { }`, `labels.any { }`): calls on values, never alerts. A call on a
 * shared-library object (`slack.failed()`) keeps its own name and stays unknown.
 */
const valueMethods: ReadonlySet<string> = new Set([
  'each', 'eachWithIndex', 'eachLine', 'collect', 'collectEntries', 'collectMany', 'find', 'findAll', 'findResult', 'grep',
  'any', 'every', 'inject', 'sum', 'count', 'countBy', 'groupBy', 'sort', 'unique', 'reverse', 'flatten', 'take', 'drop',
  'first', 'last', 'head', 'tail', 'min', 'max', 'join', 'split', 'tokenize', 'trim', 'strip', 'readLines', 'lines',
  'startsWith', 'endsWith', 'contains', 'containsKey', 'indexOf', 'lastIndexOf', 'substring', 'replace', 'replaceAll',
  'replaceFirst', 'toUpperCase', 'toLowerCase', 'capitalize', 'size', 'length', 'isEmpty', 'get', 'getAt', 'put', 'putAt',
  'add', 'addAll', 'remove', 'removeAll', 'push', 'pop', 'plus', 'minus', 'keySet', 'values', 'entrySet', 'subList',
  'toString', 'toInteger', 'toLong', 'toBoolean', 'toList', 'toSet', 'asType', 'format', 'matches', 'equals',
  'equalsIgnoreCase', 'padLeft', 'padRight', 'center', 'multiply', 'stripIndent', 'stripMargin', 'isNumber',
  'isInteger', 'withIndex', 'clone',
]);

/** A shell script that might alert through a helper of its own (`./notify.sh`, a bare `curl`). */
const mayAlert = /notif|alert|webhook|curl|wget|sendmail|page/i;

export interface ChannelCount {
  readonly channels: ReadonlySet<string>;
  /** A call whose effect is unknown (a library step not in the scanned tree, a script that might alert). */
  readonly unknown: boolean;
}

/** Channels the runs (and everything they call) alert on. */
export function countChannels(runs: readonly Run[]): ChannelCount {
  const channels = new Set<string>();
  let unknown = false;
  for (const run of flattenRuns(runs)) {
    const step = run.step;
    const found = channelsOf(step);
    for (const c of found) channels.add(c);
    // value builders passed as arguments (`culprits()` in `emailext(recipientProviders: [...])`) alert nobody
    if (found.length > 0 || run.entered || step.argument) continue;
    const script = scriptOf(step);
    if (script !== undefined) {
      if (mayAlert.test(script)) unknown = true;
      continue;
    }
    // a call on an object of the scanned tree that resolved to nothing, or a step no catalog knows
    const onReceiver = step.member || step.qualifiedName !== step.name;
    if (onReceiver ? !valueMethods.has(step.name) : !quietSteps.has(step.name)) unknown = true;
  }
  return { channels, unknown };
}

/** A wrapper whose name says it alerts on failure: `withSlackOnFailure { }`, `notifyOnError { }`, `infra.alertOnFailure { }`. */
const alertingWrapper = /notif|alert|slack|mail|teams|pager|opsgenie|on_?(failure|error)/i;

/**
 * A call nospof cannot follow (a shared-library step outside the scanned tree) that wraps a block and is
 * named for alerting: it may catch the failure of what it wraps and send the alert itself.
 */
export function alertingWrapperIn(runs: readonly Run[]): Step | undefined {
  return flattenRuns(runs).find((r) => {
    const step = r.step;
    if (r.entered || step.argument || quietSteps.has(step.qualifiedName)) return false;
    if (!step.hasClosure && !step.args.some((a) => a.type === 'ClosureExpression')) return false;
    return alertingWrapper.test(step.name);
  })?.step;
}

function guardedBy(step: Step, guard: TryGuard): boolean {
  for (let g = step.guard; g; g = g.outer) if (g === guard) return true;
  return false;
}

/** The runs of the list `run` belongs to: its parent's children, or the entry list it was started from. */
function siblingsOf(ff: FileFlow, run: Run): readonly Run[] {
  if (run.parent) return run.parent.children;
  const holder = run.step.parent as { readonly steps?: readonly Step[] } | undefined;
  return holder?.steps ? ff.flow.runsOf(holder.steps) : [run];
}

/**
 * The runs of a `try`'s `catch` and `finally` blocks, as the flow runs them beside the guarded code
 * (so a handler calling a helper or a library step is followed too).
 */
function handlerRuns(ff: FileFlow, guard: TryGuard, from: Run): Run[] {
  let top = from;
  while (top.parent && top.parent.frame === top.frame && guardedBy(top.parent.step, guard)) top = top.parent;
  const wanted = new Set(guard.handlers);
  return siblingsOf(ff, top).filter((s) => wanted.has(s.step));
}

/** Every `try` around `run` (across calls), with the runs of its handlers. */
export function guardingHandlers(ff: FileFlow, run: Run): Run[][] {
  const out: Run[][] = [];
  const seen = new Set<TryGuard>();
  for (let r: Run | undefined = run; r; r = r.parent) {
    for (let g = r.step.guard; g && !seen.has(g); g = g.outer) {
      seen.add(g);
      out.push(handlerRuns(ff, g, r));
    }
  }
  return out;
}
