import { defineRule } from './utils/define-rule.js';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { block, bool, num, skip } from './utils/values.js';

/** OpenSearch/Elasticsearch defaults: one data node, zone awareness off, dedicated masters off. */
const INSTANCE_COUNT_DEFAULT = 1;
const ZONE_AWARENESS_DEFAULT = false;

export default defineRule({
  meta: {
    id: 'terraform/aws-opensearch-zone-awareness',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'OpenSearch domains spread two or more data nodes over zones, with three dedicated masters',
      rationale: 'One data node, or all data nodes in one AZ, loses the index with that node or zone; fewer than three masters cannot keep a quorum when one fails.',
      remediation: 'Set `cluster_config.instance_count` to 2 or more, `zone_awareness_enabled = true`, and `dedicated_master_count = 3` when masters are dedicated.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: '`cluster_config` absent or `instance_count` absent means 1 data node; `zone_awareness_enabled` absent means false.',
    },
    messages: {
      oneDataNode: 'Search domain "{{name}}" has {{count}} data node(s).',
      noZoneAwareness: 'Search domain "{{name}}" has zone awareness off: its nodes may all be in one Availability Zone.',
      fewMasters: 'Search domain "{{name}}" has {{count}} dedicated master(s); 3 are needed for a quorum that survives one failure.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
    resourceTypes: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const domain of instancesOf(context, node, ['aws_opensearch_domain', 'aws_elasticsearch_domain'])) {
          const config = block(context, domain, 'cluster_config');
          if (config === undefined) continue;
          const count = config ? num(config, 'instance_count') : undefined;
          const zoneAware = config ? bool(config, 'zone_awareness_enabled') : undefined;
          if (skip(context, count, 'instance_count') || skip(context, zoneAware, 'zone_awareness_enabled')) continue;
          const nodes = count?.value ?? INSTANCE_COUNT_DEFAULT;
          if (nodes < 2) {
            reportInstance(context, { instance: domain, value: count, at: config ?? undefined, attr: 'instance_count', messageId: 'oneDataNode', data: { name: domain.name, count: nodes } });
          } else if (!(zoneAware?.value ?? ZONE_AWARENESS_DEFAULT)) {
            reportInstance(context, {
              instance: domain,
              value: zoneAware,
              at: config ?? undefined,
              attr: 'zone_awareness_enabled',
              messageId: 'noZoneAwareness',
              data: { name: domain.name },
              fix: config ? fixAttribute(context, config, 'zone_awareness_enabled', 'true') : undefined,
            });
          }
          if (!config) continue;
          const dedicated = bool(config, 'dedicated_master_enabled');
          const masters = num(config, 'dedicated_master_count');
          if (skip(context, dedicated, 'dedicated_master_enabled') || skip(context, masters, 'dedicated_master_count')) continue;
          if (dedicated?.value !== true || !masters || masters.value >= 3) continue;
          reportInstance(context, {
            instance: domain,
            value: masters,
            at: config,
            attr: 'dedicated_master_count',
            messageId: 'fewMasters',
            data: { name: domain.name, count: masters.value },
            fix: fixAttribute(context, config, 'dedicated_master_count', '3'),
          });
        }
      },
    };
  },
});
