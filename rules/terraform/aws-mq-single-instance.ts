import { defineRule } from './utils/define-rule.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { skip, str } from './utils/values.js';

/** `deployment_mode` absent means `SINGLE_INSTANCE` (AWS provider and Amazon MQ API default). */
const DEPLOYMENT_MODE_DEFAULT = 'SINGLE_INSTANCE';

export default defineRule({
  meta: {
    id: 'terraform/aws-mq-single-instance',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Amazon MQ brokers run with a standby or as a cluster',
      rationale: 'A single-instance broker is one host in one AZ: maintenance windows and failures stop every producer and consumer.',
      remediation: 'Use `deployment_mode = "ACTIVE_STANDBY_MULTI_AZ"` (ActiveMQ) or `"CLUSTER_MULTI_AZ"` (RabbitMQ).',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: '`deployment_mode` absent means `SINGLE_INSTANCE`.',
    },
    messages: {
      singleInstance: 'MQ broker "{{name}}" is a single instance (deployment_mode = {{mode}}).',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
    resourceTypes: ['aws_mq_broker'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const broker of instancesOf(context, node, ['aws_mq_broker'])) {
          const mode = str(broker, 'deployment_mode');
          if (skip(context, mode, 'deployment_mode')) continue;
          if ((mode?.value ?? DEPLOYMENT_MODE_DEFAULT) !== 'SINGLE_INSTANCE') continue;
          reportInstance(context, {
            instance: broker,
            value: mode,
            attr: 'deployment_mode',
            messageId: 'singleInstance',
            data: { name: broker.name, mode: mode?.value ?? `${DEPLOYMENT_MODE_DEFAULT} (default)` },
          });
        }
      },
    };
  },
});
