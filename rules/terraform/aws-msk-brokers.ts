import { defineRule } from './utils/define-rule.js';
import { instancesOf, withRemoteModules, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { block, list, num, skip } from './utils/values.js';

export default defineRule({
  meta: {
    id: 'terraform/aws-msk-brokers',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'MSK clusters spread brokers over two or more Availability Zones',
      rationale: 'Kafka keeps replicas on different brokers; with one client subnet every broker is in one AZ, and with fewer brokers than subnets a zone has no broker.',
      remediation: 'List client subnets in at least two (better three) AZs and set `number_of_broker_nodes` to a multiple of the subnet count.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: '`broker_node_group_info.client_subnets` and `number_of_broker_nodes` are required; nothing is assumed.',
    },
    messages: {
      fewSubnets: 'MSK cluster "{{name}}" has {{count}} client subnet(s): all brokers are in one Availability Zone.',
      fewBrokers: 'MSK cluster "{{name}}" has {{brokers}} broker(s) for {{subnets}} subnets: some zones have no broker.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    return withRemoteModules(context, {
      Resource(node: ResourceNode) {
        for (const cluster of instancesOf(context, node, ['aws_msk_cluster'])) {
          const info = block(context, cluster, 'broker_node_group_info');
          if (!info) continue;
          const subnets = list(info, 'client_subnets');
          if (skip(context, subnets, 'client_subnets') || !subnets) continue;
          if (subnets.value.length < 2) {
            reportInstance(context, { instance: cluster, value: subnets, at: info, attr: 'client_subnets', messageId: 'fewSubnets', data: { name: cluster.name, count: subnets.value.length } });
            continue;
          }
          const brokers = num(cluster, 'number_of_broker_nodes');
          if (skip(context, brokers, 'number_of_broker_nodes') || !brokers || brokers.value >= subnets.value.length) continue;
          reportInstance(context, { instance: cluster, value: brokers, attr: 'number_of_broker_nodes', messageId: 'fewBrokers', data: { name: cluster.name, brokers: brokers.value, subnets: subnets.value.length } });
        }
      },
    });
  },
});
