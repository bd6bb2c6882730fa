import { defineRule } from './utils/define-rule.js';
import type { Instance } from '@nospof/terraform';
import { isOpaque, refersTo } from './utils/graph.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { blocks } from './utils/values.js';

export default defineRule({
  meta: {
    id: 'terraform/aws-dynamodb-global',
    language: 'terraform',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'DynamoDB tables are replicated to another region (global tables)',
      rationale: 'A table in one region is unavailable during a regional outage of DynamoDB; a global table keeps a writable replica elsewhere.',
      remediation: 'Add a `replica { region_name = "..." }` block, or an `aws_dynamodb_table_replica` for the table.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'strict',
      defaults: 'No `replica` block and no `aws_dynamodb_table_replica` / `aws_dynamodb_global_table` naming the table means a single-region table.',
    },
    messages: {
      singleRegion: 'DynamoDB table "{{name}}" lives in a single region.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
    resourceTypes: ['aws_dynamodb_table'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const table of instancesOf(context, node, ['aws_dynamodb_table'])) {
          const replicas = blocks(context, table, 'replica');
          if (replicas === undefined || replicas.length > 0) continue;
          const external = table.siblings('aws_dynamodb_table_replica');
          const legacy = table.siblings('aws_dynamodb_global_table');
          if (!Array.isArray(external) || !Array.isArray(legacy)) continue;
          const others = [...(external as readonly Instance[]), ...(legacy as readonly Instance[])];
          const values = others.map((r) => r.raw('global_table_arn') ?? r.raw('name'));
          if (values.some((v) => refersTo(v, table, ['name', 'arn']))) continue;
          if (values.some((v) => isOpaque(v))) continue;
          reportInstance(context, { instance: table, missing: 'replica', messageId: 'singleRegion', data: { name: table.name } });
        }
      },
    };
  },
});
