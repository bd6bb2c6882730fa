import { defineRule } from './utils/define-rule.js';
import { enclosingPostCondition, firstArgument, handlerOf, resolveArgument, stringValue } from '@nospof/jenkins';
import type { JenkinsFile, Run } from '@nospof/jenkins';
import { allRuns, fileFlow, judgedOnItsOwn, located } from './utils/flow.js';
import { entryOf } from './utils/timeouts.js';
import { channelsOf } from './utils/notifications.js';

/** The `node(label)` a failure handler allocates around `run`, if any. */
function nodeInHandler(run: Run, inPost: boolean): Run | undefined {
  for (let w = run.parent; w; w = w.parent) {
    if (w.step.qualifiedName !== 'node' || firstArgument(w.step, 'label') === undefined) continue;
    // the node must itself be allocated inside the handler, not be the agent the handler already runs on
    if (inPost || handlerOf(w) !== undefined) return w;
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'jenkins/notification-needs-agent',
    language: 'jenkins',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Failure alerts do not wait for an agent',
      rationale:
        'A notification wrapped in `node(\'label\')` inside `post` or `catch` first needs a free executor with that label. When the failure is that those agents are down or saturated (the most common reason for a failed build to need attention) the alert queues forever and nobody hears about it.',
      remediation: 'Send the alert outside `node { }`: notification steps (mail, slackSend, ...) do not need a workspace and run on the controller without an executor.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2'],
      preset: 'recommended',
      defaults: 'Declarative `post` runs on the agent the pipeline or stage already holds; only a `node` allocated inside the handler needs a new executor.',
    },
    messages: {
      needsAgent: '`{{step}}` runs inside `node({{label}})` in a failure handler; when those agents are down the alert is never sent.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    return {
      JenkinsFile(file: JenkinsFile) {
        const ff = fileFlow(context, file);
        if (!judgedOnItsOwn(ff)) return;
        for (const run of allRuns(ff)) {
          if (channelsOf(run.step).length === 0) continue;
          const inPost = enclosingPostCondition(entryOf(run).step) !== undefined;
          if (!inPost && handlerOf(run) === undefined) continue;
          const node = nodeInHandler(run, inPost);
          if (!node) continue;
          const label = stringValue(resolveArgument(node, firstArgument(node.step, 'label')).expression);
          const where = located(ff, run, run.step.nameRange);
          context.report({
            ...where,
            messageId: 'needsAgent',
            data: { step: run.step.name, label: label.known ? `'${label.value}'` : '...' },
            related: [{ node: { range: node.step.nameRange }, ...(node.file === ff.path ? {} : { file: node.file }), message: 'the node allocated for the alert' }, ...where.related],
          });
        }
      },
    };
  },
});
