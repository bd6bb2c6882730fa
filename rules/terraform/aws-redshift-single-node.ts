import { defineRule } from './utils/define-rule.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { bool, num, skip, str } from './utils/values.js';

/** Redshift defaults: `number_of_nodes = 1`, `cluster_type` follows it (`single-node`), `multi_az = false`. */
const NODES_DEFAULT = 1;

export default defineRule({
  meta: {
    id: 'terraform/aws-redshift-single-node',
    language: 'terraform',
    type: 'problem',
    severity: 'warning',
    docs: {
      description: 'Redshift clusters have more than one node or run Multi-AZ',
      rationale: 'A single-node cluster keeps data on one node: a node failure means restoring from a snapshot.',
      remediation: 'Use `cluster_type = "multi-node"` with 2+ nodes, and `multi_az = true` for RA3 clusters.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'strict',
      defaults: '`number_of_nodes` absent means 1 and `cluster_type` then is `single-node`; `multi_az` absent means false.',
    },
    messages: {
      singleNode: 'Redshift cluster "{{name}}" runs on a single node without Multi-AZ.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
    resourceTypes: ['aws_redshift_cluster'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const cluster of instancesOf(context, node, ['aws_redshift_cluster'])) {
          const type = str(cluster, 'cluster_type');
          const nodes = num(cluster, 'number_of_nodes');
          const multiAz = bool(cluster, 'multi_az');
          if (skip(context, type, 'cluster_type') || skip(context, nodes, 'number_of_nodes') || skip(context, multiAz, 'multi_az')) continue;
          if (multiAz?.value === true) continue;
          const single = type?.value === 'single-node' || (nodes?.value ?? NODES_DEFAULT) < 2;
          if (!single) continue;
          reportInstance(context, { instance: cluster, value: type?.value === 'single-node' ? type : nodes, attr: type?.value === 'single-node' ? 'cluster_type' : 'number_of_nodes', messageId: 'singleNode', data: { name: cluster.name } });
        }
      },
    };
  },
});
