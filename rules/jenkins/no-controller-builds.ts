import { defineRule } from './utils/define-rule.js';
import { parseLabelExpression, resourceOf, selectsBuiltInNode } from '@nospof/jenkins';
import type { JenkinsFile } from '@nospof/jenkins';
import { boundLabelRequests, labelRequests } from './utils/labels.js';
import { fileFlow } from './utils/flow.js';

export default defineRule({
  meta: {
    id: 'jenkins/no-controller-builds',
    language: 'jenkins',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Builds run on agents, never on the Jenkins controller',
      rationale:
        'The controller is the one machine every job, agent and user depends on. A build on it competes with the scheduler for CPU, memory and disk; one runaway build can take the whole CI service down, and builds on it read the controller file system.',
      remediation: 'Ask for an agent label (`agent { label \'linux\' }`, `node(\'linux\')`) and set the built-in node to 0 executors.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: 'The controller node is called `built-in` since Jenkins 2.307 and `master` before; both names are checked.',
    },
    messages: {
      controller: 'Label "{{label}}" can select the Jenkins controller; run builds on agents so a build cannot take the controller down.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    return {
      JenkinsFile(file: JenkinsFile) {
        for (const request of [...labelRequests(file), ...boundLabelRequests(fileFlow(context, file))]) {
          const label = request.label;
          if (!label.known) continue;
          const expression = parseLabelExpression(label.value);
          if (!expression || !selectsBuiltInNode(expression)) continue;
          context.report({
            node: { range: label.range ?? request.owner.range },
            messageId: 'controller',
            data: { label: label.value },
            resource: resourceOf(request.owner),
            ...(request.file === undefined ? {} : { file: request.file }),
            ...(request.related === undefined ? {} : { related: request.related }),
          });
        }
      },
    };
  },
});
