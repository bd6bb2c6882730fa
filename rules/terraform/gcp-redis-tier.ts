import type { ModuleCall } from '@nospof/terraform';
import { defineRule } from './utils/define-rule.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportCall, wellKnownCalls } from './utils/module-calls.js';
import { reportInstance } from './utils/report.js';
import { skip, str } from './utils/values.js';

/** Memorystore for Redis `tier` absent means `BASIC` (one node, no replica). */
const TIER_DEFAULT = 'BASIC';

/**
 * The Memorystore registry module passes its `tier` input (default `STANDARD_HA`) to the instance: a call
 * is judged only when it writes `tier = "BASIC"`.
 */
const MEMORYSTORE_MODULE = 'terraform-google-modules/memorystore/google';

export default defineRule({
  meta: {
    id: 'terraform/gcp-redis-tier',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Memorystore for Redis instances use the Standard (HA) tier',
      rationale: 'A Basic tier instance is one node: maintenance or a failure flushes the cache and stops clients until it is back.',
      remediation: 'Set `tier = "STANDARD_HA"` (a replica in another zone with automatic failover).',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: '`tier` absent means `BASIC`. terraform-google-modules/memorystore/google defaults its `tier` input to `STANDARD_HA`: a call is judged only when it sets `tier = "BASIC"`.',
    },
    messages: {
      basicTier: 'Redis instance "{{name}}" uses the {{tier}} tier: one node without a replica.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
    resourceTypes: ['google_redis_instance'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const redis of instancesOf(context, node, ['google_redis_instance'])) {
          const tier = str(redis, 'tier');
          if (skip(context, tier, 'tier')) continue;
          if ((tier?.value ?? TIER_DEFAULT) !== 'BASIC') continue;
          reportInstance(context, { instance: redis, value: tier, attr: 'tier', messageId: 'basicTier', data: { name: redis.name, tier: 'BASIC' } });
        }
      },
      ModuleCall(node: ModuleCall) {
        for (const call of wellKnownCalls(context, node, MEMORYSTORE_MODULE)) {
          const tier = str(call.inputs, 'tier');
          if (skip(context, tier, 'tier')) continue;
          if (tier?.value !== 'BASIC') continue;
          reportCall(context, { call, value: tier, attr: 'tier', messageId: 'basicTier', data: { name: node.name, tier: 'BASIC' } });
        }
      },
    };
  },
});
