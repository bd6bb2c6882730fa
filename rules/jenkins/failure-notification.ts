import { defineRule } from './utils/define-rule.js';
import { unknown, type Range } from '@nospof/core';
import { ancestors, flattenRuns, handlerOf, nodesOfType, resourceOf } from '@nospof/jenkins';
import type { JenkinsFile, ModelNode, Pipeline, Post, Run, Stage } from '@nospof/jenkins';
import { fileFlow, followedCompletely, judgedOnItsOwn, located, outermost } from './utils/flow.js';
import type { FileFlow } from './utils/flow.js';
import { alertingWrapperIn, countChannels, guardingHandlers } from './utils/notifications.js';
import type { ChannelCount } from './utils/notifications.js';

/** Post conditions that run when the build fails. */
const failureConditions: ReadonlySet<string> = new Set(['failure', 'unsuccessful', 'always']);

/** Post conditions that run on the first failure after a success, and not on the failures after it. */
const changeConditions: ReadonlySet<string> = new Set(['changed', 'regression']);

type Holder = ModelNode & { readonly post?: Post | undefined };

function postCount(ff: FileFlow, post: Post | undefined, conditions: ReadonlySet<string>): ChannelCount {
  const steps = (post?.conditions ?? []).filter((c) => conditions.has(c.condition)).flatMap((c) => ff.flow.runsOf(c.steps));
  return countChannels(steps);
}

function merge(counts: readonly ChannelCount[]): ChannelCount {
  return { channels: new Set(counts.flatMap((c) => [...c.channels])), unknown: counts.some((c) => c.unknown) };
}

/** Outermost runs in a `catch` or `finally` block, among `runs` and everything they call. */
function handlerRunsWithin(runs: readonly Run[]): Run[] {
  return flattenRuns(runs).filter((r) => r.step.handler !== undefined && !(r.parent && handlerOf(r.parent)));
}

/** What alerts when a leaf stage fails: `post` blocks of it and its enclosing stages, and `catch` blocks in its steps. */
function stageCount(ff: FileFlow, stage: Stage): ChannelCount {
  const holders = [stage, ...ancestors(stage)].filter((h) => h.type !== 'Pipeline') as Holder[];
  const posts = holders.map((h) => postCount(ff, h.post, failureConditions));
  const runs = ff.flow.runsOf(stage.steps?.steps ?? []);
  const handlers = countChannels(handlerRunsWithin(runs));
  // a library wrapper named for alerting (`withSlackOnFailure { }`) may catch and alert itself
  const wrapped: ChannelCount = { channels: new Set(), unknown: alertingWrapperIn(runs) !== undefined };
  return merge([...posts, handlers, wrapped]);
}

function stageName(stage: Stage): string {
  return stage.name.known ? `"${stage.name.value}"` : 'a computed stage';
}

export default defineRule({
  meta: {
    id: 'jenkins/failure-notification',
    language: 'jenkins',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Pipelines alert someone when they fail',
      rationale:
        'A failed build nobody hears about is an outage that waits for someone to open Jenkins: a broken release, a nightly backup job or a certificate renewal can stay red for days. Alerts are the redundancy of attention; in strict mode two channels keep one chat outage from hiding a failure.',
      remediation:
        "Add `post { failure { slackSend ...; mail ... } }` (declarative), or send the alert from a `catch` block (scripted). Any notification step counts: mail, emailext, `step([$class: 'Mailer'])`, slackSend, office365ConnectorSend, mattermostSend, discordSend, telegramSend, googlechatnotification, pagerduty, opsgenie, or a `curl` to a chat webhook.",
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'HIPAA:164.308(a)(7)'],
      preset: 'recommended',
      defaults:
        'Jenkins sends no alert on failure by itself. `failure`, `unsuccessful` and `always` post conditions count, and `catch` or `finally` blocks anywhere (in `script { }`, in helpers, in loaded scripts and shared-library steps of the scanned tree); `changed` and `regression` announce only the first failure, `fixed` none. A library wrapper outside the scanned tree named for alerting (`withSlackOnFailure { }`) may alert itself: what it wraps is not judged.',
    },
    messages: {
      missing: 'No failure notification: nothing in `post { failure | unsuccessful | always }` sends an alert, so a failed build goes unnoticed.',
      missingScripted: 'No failure notification for this `node`: no `catch` or `finally` block around or inside it sends an alert, so a failed build goes unnoticed.',
      onlyOnChange:
        'Failures alert only from `post { {{conditions}} }`: the first failure is announced, but a build that keeps failing sends nothing more. Alert from `failure` (or `unsuccessful`) too.',
      someStagesSilent:
        'Stage {{stage}} alerts nobody when it fails: other stages alert from their own `post` or `catch`, but nothing covers this one and the pipeline `post { failure }` sends nothing.',
      tooFew: 'Failures alert on {{count}} channel(s) ({{channels}}); at least {{min}} are required so one channel outage cannot hide a failure.',
    },
    schema: [{ type: 'object', properties: { minChannels: { type: 'integer', minimum: 1 } }, additionalProperties: false }],
    defaultOptions: [{ minChannels: 1 }],
    strictOptions: [{ minChannels: 2 }],
    fixable: false,
  },
  create(context, [{ minChannels }]) {
    const enough = (c: ChannelCount): boolean => c.unknown || c.channels.size >= minChannels;
    const tooFew = (c: ChannelCount) => ({ count: c.channels.size, channels: [...c.channels].sort().join(', '), min: minChannels });

    function declarative(ff: FileFlow, pipeline: Pipeline): void {
      const leaves = nodesOfType<Stage>(ff.file, 'Stage').filter((s) => s.steps !== undefined);
      if ((pipeline.stages?.stages ?? []).length === 0 || leaves.length === 0) return;
      const pipelineCount = postCount(ff, pipeline.post, failureConditions);
      if (enough(pipelineCount)) return;
      const counts = leaves.map((stage) => ({ stage, count: merge([pipelineCount, stageCount(ff, stage)]) }));
      const short = counts.filter((c) => !enough(c.count));
      if (short.length === 0 || !followedCompletely(context, ff)) return;
      const anchor: { range: Range } = { range: pipeline.post ? pipeline.post.call.nameRange : pipeline.nameRange };
      const resource = resourceOf(pipeline);
      const silent = short.filter((c) => c.count.channels.size === 0);
      if (silent.length > 0 && silent.length < counts.length && counts.some((c) => c.count.channels.size > 0)) {
        for (const { stage } of silent) {
          context.report({ node: { range: stage.nameRange }, messageId: 'someStagesSilent', data: { stage: stageName(stage) }, resource: resourceOf(stage) });
        }
        return;
      }
      if (silent.length === 0) {
        const fewest = short.reduce((a, b) => (b.count.channels.size < a.count.channels.size ? b : a));
        context.report({ node: anchor, messageId: 'tooFew', data: tooFew(fewest.count), resource });
        return;
      }
      const change = postCount(ff, pipeline.post, changeConditions);
      if (change.channels.size > 0) {
        const conditions = (pipeline.post?.conditions ?? []).filter((c) => changeConditions.has(c.condition)).map((c) => c.condition);
        context.report({ node: anchor, messageId: 'onlyOnChange', data: { conditions: [...new Set(conditions)].join(' | ') }, resource });
        return;
      }
      context.report({ node: anchor, messageId: 'missing', resource });
    }

    function scripted(ff: FileFlow): void {
      const runs = flattenRuns(ff.flow.runsOf(ff.file.steps));
      // Nodes whose only alerts are the same handlers around them share one root cause: too few channels
      // in those handlers is reported once, on the first of them.
      const handlersReported = new Set<string>();
      const stepIds = new Map<object, number>();
      const idOf = (step: object) => {
        let id = stepIds.get(step);
        if (id === undefined) stepIds.set(step, (id = stepIds.size));
        return id;
      };
      // every node block is judged on its own; a node allocated to send the alert is not a build
      for (const node of outermost(runs, 'node')) {
        if (handlerOf(node)) continue;
        const around = guardingHandlers(ff, node).flat();
        const within = handlerRunsWithin(node.children);
        const count = countChannels([...around, ...within]);
        if (enough(count) || !followedCompletely(context, ff)) continue;
        const wrapper = alertingWrapperIn(node.children);
        if (wrapper) {
          context.skipped({ ...unknown(`\`${wrapper.qualifiedName}\` wraps the work and may alert on failure itself; its code is not in the scanned tree`, wrapper.nameRange), file: node.file }, 'failure notification');
          continue;
        }
        const where = located(ff, node, node.step.nameRange);
        if (count.channels.size === 0) {
          context.report({ ...where, messageId: 'missingScripted', resource: resourceOf(node.step) });
          continue;
        }
        if (within.length === 0) {
          const handlers = around.map((run) => idOf(run.step)).join(',');
          if (handlersReported.has(handlers)) continue;
          handlersReported.add(handlers);
        }
        context.report({ ...where, messageId: 'tooFew', data: tooFew(count), resource: resourceOf(node.step) });
      }
    }

    return {
      JenkinsFile(file: JenkinsFile) {
        const ff = fileFlow(context, file);
        if (!judgedOnItsOwn(ff)) return;
        if (file.pipeline) declarative(ff, file.pipeline);
        else scripted(ff);
      },
    };
  },
});
