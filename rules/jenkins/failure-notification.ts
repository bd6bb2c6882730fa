import { defineRule } from './utils/define-rule.js';
import type { Range } from '@nospof/core';
import { allSteps, ancestors, nodesOfType, resourceOf, wrappedBy } from '@nospof/jenkins';
import type { JenkinsFile, ModelNode, Post, Stage, Step } from '@nospof/jenkins';
import { countChannels } from './utils/notifications.js';

/** Post conditions that run when the build fails. */
const failureConditions: ReadonlySet<string> = new Set(['failure', 'unsuccessful', 'always']);

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
        "Add `post { failure { slackSend ...; mail ... } }` (declarative), or send the alert from a `catch` block (scripted). Any notification step counts: mail, emailext, slackSend, office365ConnectorSend, mattermostSend, discordSend, telegramSend, googlechatnotification, or a `curl` to a chat webhook.",
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'HIPAA:164.308(a)(7)'],
      preset: 'recommended',
      defaults: 'Jenkins sends no alert on failure by itself. `failure`, `unsuccessful` and `always` post conditions count; `fixed`, `changed` and `regression` alone miss repeated failures.',
    },
    messages: {
      missing: 'No failure notification: nothing in `post { failure | unsuccessful | always }` sends an alert, so a failed build goes unnoticed.',
      missingScripted: 'No failure notification: no `catch` or `finally` block sends an alert, so a failed build goes unnoticed.',
      tooFew: 'Failures alert on {{count}} channel(s) ({{channels}}); at least {{min}} are required so one channel outage cannot hide a failure.',
    },
    schema: [{ type: 'object', properties: { minChannels: { type: 'integer', minimum: 1 } }, additionalProperties: false }],
    defaultOptions: [{ minChannels: 1 }],
    strictOptions: [{ minChannels: 2 }],
    fixable: false,
  },
  create(context, [{ minChannels }]) {
    return {
      JenkinsFile(file: JenkinsFile) {
        let handlers: Step[];
        let anchor: { range: Range };
        let missing: 'missing' | 'missingScripted';
        let resource: string | undefined;
        if (file.pipeline) {
          const conditions = (file.pipeline.post?.conditions ?? []).filter((c) => failureConditions.has(c.condition));
          handlers = conditions.flatMap((c) => c.steps);
          anchor = file.pipeline.post ? { range: file.pipeline.post.call.nameRange } : { range: file.pipeline.nameRange };
          missing = 'missing';
          resource = resourceOf(file.pipeline);
          if ((file.pipeline.stages?.stages ?? []).length === 0) return;
        } else {
          const steps = allSteps(file);
          const firstNode = steps.find((s) => s.qualifiedName === 'node' && !s.deferred && !wrappedBy(s, ['node']));
          if (!firstNode) return;
          handlers = steps.filter((s) => (s.handler === 'catch' || s.handler === 'finally') && isOutermostHandlerStep(s));
          anchor = { range: firstNode.nameRange };
          missing = 'missingScripted';
          resource = resourceOf(firstNode);
        }
        const { channels, unknown } = countChannels(handlers, file);
        if (channels.size >= minChannels || unknown) return;
        if (file.pipeline && everyStageAlerts(file, minChannels)) return;
        if (channels.size === 0) {
          context.report({ node: anchor, messageId: missing, resource });
          return;
        }
        context.report({
          node: anchor,
          messageId: 'tooFew',
          data: { count: channels.size, channels: [...channels].sort().join(', '), min: minChannels },
          resource,
        });
      },
    };
  },
});

/** Stage-level `post` alerts pass when every stage that runs steps is covered by one (its own or an outer stage's). */
function everyStageAlerts(file: JenkinsFile, minChannels: number): boolean {
  const leaves = nodesOfType<Stage>(file, 'Stage').filter((s) => s.steps !== undefined);
  if (leaves.length === 0) return false;
  return leaves.every((stage) =>
    [stage, ...ancestors(stage)].some((holder) => {
      const post = (holder as ModelNode & { readonly post?: Post | undefined }).post;
      if (!post || holder.type === 'Pipeline') return false;
      const steps = post.conditions.filter((c) => failureConditions.has(c.condition)).flatMap((c) => c.steps);
      const count = countChannels(steps, file);
      return count.unknown || count.channels.size >= minChannels;
    }),
  );
}

/** Handler steps whose parent step is not itself in the handler (their bodies are counted with them). */
function isOutermostHandlerStep(step: Step): boolean {
  const parent = step.parent;
  return parent?.type !== 'Step' || (parent as Step).handler !== step.handler;
}
