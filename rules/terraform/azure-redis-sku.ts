import type { ModuleCall } from '@nospof/terraform';
import { defineRule } from './utils/define-rule.js';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { skip, str } from './utils/values.js';

export default defineRule({
  meta: {
    id: 'terraform/azure-redis-sku',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Azure Cache for Redis uses a replicated SKU (Standard or Premium)',
      rationale: 'The Basic SKU is a single node with no replica and no SLA: patching or a failure drops the cache and its data.',
      remediation: 'Use `sku_name = "Standard"` (primary/replica) or `"Premium"` (with zones).',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: '`sku_name` is required, so nothing is assumed. Azure/avm-res-cache-redis/azurerm defaults `sku_name` to `Premium`.',
    },
    messages: {
      basic: 'Redis cache "{{name}}" uses the Basic SKU: a single node without a replica.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
    resourceTypes: ['azurerm_redis_cache'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const cache of instancesOf(context, node, ['azurerm_redis_cache'])) {
          const sku = str(cache, 'sku_name');
          if (skip(context, sku, 'sku_name') || !sku || sku.value.toLowerCase() !== 'basic') continue;
          const family = str(cache, 'family');
          reportInstance(context, {
            instance: cache,
            value: sku,
            attr: 'sku_name',
            messageId: 'basic',
            data: { name: cache.name },
            // Standard shares Basic's "C" family, so only the SKU name changes.
            fix: family?.known && family.value.toUpperCase() === 'C' ? fixAttribute(context, cache, 'sku_name', '"Standard"') : undefined,
          });
        }
      },
      ModuleCall(node: ModuleCall) {
        // Azure/avm-res-cache-redis/azurerm: `sku_name` defaults to "Premium", so only a written Basic is judged.
        for (const call of wellKnownCalls(context, node, 'Azure/avm-res-cache-redis/azurerm')) {
          const sku = str(call.inputs, 'sku_name');
          if (skip(context, sku, 'sku_name') || !sku || sku.value.toLowerCase() !== 'basic') continue;
          reportCall(context, { call, value: sku, attr: 'sku_name', messageId: 'basic', data: { name: node.name } });
        }
      },
    };
  },
});
