import { defineRule } from './utils/define-rule.js';
import { agentPoolsFrom, maxAgents, namesOneMachine, parseLabelExpression, resourceOf, selectsBuiltInNode } from '@nospof/jenkins';
import type { JenkinsFile, LabelExpression } from '@nospof/jenkins';
import { boundLabelRequests, labelRequests } from './utils/labels.js';
import { fileFlow } from './utils/flow.js';

/** A label expression that can only ever match one named host. */
function namedMachine(expression: LabelExpression): string | undefined {
  if (expression.kind === 'atom') return namesOneMachine(expression.name) ? expression.name : undefined;
  if (expression.kind === 'and') return namedMachine(expression.left) ?? namedMachine(expression.right);
  return undefined;
}

export default defineRule({
  meta: {
    id: 'jenkins/agent-single-point',
    language: 'jenkins',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Agent labels select a pool of at least two agents, not one machine',
      rationale:
        'A label that only one agent carries turns that machine into a single point of failure: while it is offline, rebooting or busy, every build that asks for the label waits in the queue, and releases stop.',
      remediation:
        'Give the label to a second agent (or a cloud template), or ask for a label the whole pool shares. Declare pool sizes in `settings.jenkins.agentPools` so nospof can check them.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults:
        'Pool sizes come from `settings.jenkins.agentPools` (label -> number of agents); a label not listed there is not judged, except a host name or IP address, which names one machine.',
    },
    messages: {
      smallPool: 'Label "{{label}}" matches at most {{agents}} agent(s) (settings.jenkins.agentPools); builds wait while that agent is down.',
      oneMachine: 'Label "{{label}}" names the single machine "{{machine}}"; builds wait while it is down.',
    },
    schema: [{ type: 'object', properties: { minAgents: { type: 'integer', minimum: 2 } }, additionalProperties: false }],
    defaultOptions: [{ minAgents: 2 }],
    fixable: false,
  },
  create(context, [{ minAgents }]) {
    const pools = agentPoolsFrom(context.settings);
    return {
      JenkinsFile(file: JenkinsFile) {
        for (const request of [...labelRequests(file), ...boundLabelRequests(fileFlow(context, file))]) {
          const label = request.label;
          if (!label.known) continue;
          const expression = parseLabelExpression(label.value);
          // the controller is jenkins/no-controller-builds' finding
          if (!expression || selectsBuiltInNode(expression)) continue;
          const node = { range: label.range ?? request.owner.range };
          const resource = resourceOf(request.owner);
          const where = { ...(request.file === undefined ? {} : { file: request.file }), ...(request.related === undefined ? {} : { related: request.related }) };
          const agents = maxAgents(expression, pools);
          if (agents !== undefined && agents < minAgents) {
            context.report({ node, messageId: 'smallPool', data: { label: label.value, agents }, resource, ...where });
            continue;
          }
          const machine = agents === undefined ? namedMachine(expression) : undefined;
          if (machine) context.report({ node, messageId: 'oneMachine', data: { label: label.value, machine }, resource, ...where });
        }
      },
    };
  },
});
