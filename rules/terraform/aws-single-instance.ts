import { defineRule } from './utils/define-rule.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';

export default defineRule({
  meta: {
    id: 'terraform/aws-single-instance',
    language: 'terraform',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'EC2 workloads run in Auto Scaling groups, not as one standalone instance',
      rationale: 'A standalone `aws_instance` is not replaced when it fails and lives in one AZ; an ASG (even of one) replaces it, and of two spreads it.',
      remediation: 'Run the workload from a launch template in an `aws_autoscaling_group` across two or more AZs.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'strict',
      defaults: 'An `aws_instance` is never part of an Auto Scaling group. A resource expanded (count/for_each) into two or more instances is not a single instance.',
    },
    messages: {
      standalone: 'EC2 instance "{{name}}" is a single standalone instance: nothing replaces it when it fails.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
    resourceTypes: ['aws_instance'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        const instances = instancesOf(context, node, ['aws_instance']);
        if (instances.length === 0) return;
        // Per module instance: count/for_each siblings of the same block are redundant copies of each other.
        const perModule = new Map<string, number>();
        for (const instance of instances) perModule.set(instance.resource, (perModule.get(instance.resource) ?? 0) + 1);
        for (const instance of instances) {
          if ((perModule.get(instance.resource) ?? 0) >= 2) continue;
          reportInstance(context, { instance, messageId: 'standalone', data: { name: instance.name } });
        }
      },
    };
  },
});
