import { defineRule } from './utils/define-rule.js';
import type { ModuleCall } from '@nospof/terraform';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
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
      defaults: '`broker_node_group_info.client_subnets` and `number_of_broker_nodes` are required; nothing is assumed. terraform-aws-modules/msk-kafka-cluster/aws is judged by `broker_node_client_subnets` and `number_of_broker_nodes`.',
    },
    messages: {
      fewSubnets: 'MSK cluster "{{name}}" has {{count}} client subnet(s): all brokers are in one Availability Zone.',
      fewBrokers: 'MSK cluster "{{name}}" has {{brokers}} broker(s) for {{subnets}} subnets: some zones have no broker.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
    resourceTypes: ['aws_msk_cluster'],
  },
  create(context) {
    return {
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
      ModuleCall(node: ModuleCall) {
        // terraform-aws-modules/msk-kafka-cluster/aws: `broker_node_client_subnets` and `number_of_broker_nodes`.
        for (const call of wellKnownCalls(context, node, 'terraform-aws-modules/msk-kafka-cluster/aws')) {
          const subnets = list(call.inputs, 'broker_node_client_subnets');
          if (skip(context, subnets, 'broker_node_client_subnets') || !subnets) continue;
          if (subnets.value.length < 2) {
            reportCall(context, { call, value: subnets, attr: 'broker_node_client_subnets', messageId: 'fewSubnets', data: { name: node.name, count: subnets.value.length } });
            continue;
          }
          const brokers = num(call.inputs, 'number_of_broker_nodes');
          if (skip(context, brokers, 'number_of_broker_nodes') || !brokers || brokers.value >= subnets.value.length) continue;
          reportCall(context, { call, value: brokers, attr: 'number_of_broker_nodes', messageId: 'fewBrokers', data: { name: node.name, brokers: brokers.value, subnets: subnets.value.length } });
        }
      },
    };
  },
});
