import { defineRule } from './utils/define-rule.js';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { num, skip, str } from './utils/values.js';

/** AWS defaults for `aws_elasticache_cluster`: Memcached `az_mode` is `single-az`; a Redis cluster is one node. */
const AZ_MODE_DEFAULT = 'single-az';

export default defineRule({
  meta: {
    id: 'terraform/aws-elasticache-single-node',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Standalone ElastiCache clusters are not a single node in a single zone',
      rationale: 'A standalone Redis/Valkey cluster is one node with no replica; a Memcached cluster in one AZ loses every node with that zone.',
      remediation: 'Use an `aws_elasticache_replication_group` for Redis/Valkey; for Memcached use 2+ nodes and `az_mode = "cross-az"`.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: '`az_mode` absent means `single-az`; `num_cache_nodes` is required by the API (Redis allows only 1).',
    },
    messages: {
      singleNode: 'ElastiCache cluster "{{name}}" ({{engine}}) has a single node and no replica.',
      singleAz: 'Memcached cluster "{{name}}" keeps all nodes in one Availability Zone (az_mode = {{mode}}).',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
    resourceTypes: ['aws_elasticache_cluster'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const cluster of instancesOf(context, node, ['aws_elasticache_cluster'])) {
          const group = str(cluster, 'replication_group_id');
          // A member of a replication group is judged by aws-elasticache-failover.
          if (group !== undefined) continue;
          const engine = str(cluster, 'engine');
          const nodes = num(cluster, 'num_cache_nodes');
          if (skip(context, engine, 'engine') || skip(context, nodes, 'num_cache_nodes') || !engine) continue;
          if (engine.value !== 'memcached') {
            reportInstance(context, { instance: cluster, value: engine, attr: 'engine', messageId: 'singleNode', data: { name: cluster.name, engine: engine.value } });
            continue;
          }
          if (nodes && nodes.value < 2) {
            reportInstance(context, {
              instance: cluster,
              value: nodes,
              attr: 'num_cache_nodes',
              messageId: 'singleNode',
              data: { name: cluster.name, engine: engine.value },
              fix: fixAttribute(context, cluster, 'num_cache_nodes', '2'),
            });
            continue;
          }
          const mode = str(cluster, 'az_mode');
          if (skip(context, mode, 'az_mode')) continue;
          if ((mode?.value ?? AZ_MODE_DEFAULT) === 'cross-az') continue;
          reportInstance(context, {
            instance: cluster,
            value: mode,
            attr: 'az_mode',
            messageId: 'singleAz',
            data: { name: cluster.name, mode: mode?.value ?? AZ_MODE_DEFAULT },
            fix: fixAttribute(context, cluster, 'az_mode', '"cross-az"'),
          });
        }
      },
    };
  },
});
