import { defineRule } from './utils/define-rule.js';
import { enclosingPostCondition, enclosingSteps } from '@nospof/jenkins';
import type { Step } from '@nospof/jenkins';
import { nodeLabel } from './utils/labels.js';
import { channelsOf } from './utils/notifications.js';

/** The `node(label)` a failure handler allocates around `step`, if any. */
function nodeInHandler(step: Step): Step | undefined {
  const post = enclosingPostCondition(step);
  for (const wrapper of enclosingSteps(step)) {
    if (!nodeLabel(wrapper)) continue;
    // the node must itself be allocated inside the handler, not be the agent the handler already runs on
    if (post ? enclosingPostCondition(wrapper) === post : wrapper.handler !== undefined) return wrapper;
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
      Step(step: Step) {
        if (channelsOf(step).length === 0) return;
        if (!enclosingPostCondition(step) && step.handler === undefined) return;
        const node = nodeInHandler(step);
        if (!node) return;
        const label = nodeLabel(node);
        context.report({
          node: { range: step.nameRange },
          messageId: 'needsAgent',
          data: { step: step.name, label: label?.known ? `'${label.value}'` : '...' },
          related: [{ node: { range: node.nameRange }, message: 'the node allocated for the alert' }],
        });
      },
    };
  },
});
