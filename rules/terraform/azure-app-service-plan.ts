import { defineRule } from './utils/define-rule.js';
import { fixAttribute } from './utils/fixes.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { bool, num, skip, str } from './utils/values.js';

/** `worker_count` absent means 1 instance; `zone_balancing_enabled` absent means false. */
const WORKER_COUNT_DEFAULT = 1;
const ZONE_BALANCING_DEFAULT = false;

/** Consumption and Flex Consumption plans have no workers to count (the platform scales them). */
function isServerless(sku: string): boolean {
  return /^(Y1|FC1)$/i.test(sku);
}

/** Zone balancing exists on Premium v2/v3/v4, Isolated v2 and Workflow Standard SKUs only. */
function supportsZoneBalancing(sku: string | undefined): boolean {
  return sku === undefined || /^(P\d+(v2|v3|v4|mv3|mv4)|I\d+v2|I\d+mv2|WS\d)$/i.test(sku);
}

export default defineRule({
  meta: {
    id: 'terraform/azure-app-service-plan',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'App Service plans run two or more workers balanced across zones',
      rationale: 'One worker is one VM: a platform update or failure restarts every app in the plan; without zone balancing all workers may share a zone.',
      remediation: 'Set `worker_count` to 2 or more (3 with zone balancing) and `zone_balancing_enabled = true` on a Premium v2/v3 plan.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: '`worker_count` absent means 1; `zone_balancing_enabled` absent means false. Consumption (Y1) and Flex (FC1) plans are not judged; zone balancing is only judged on SKUs that offer it (Premium v2+, Isolated v2, Workflow Standard).',
    },
    messages: {
      fewWorkers: 'App Service plan "{{name}}" runs {{count}} worker(s).',
      noZoneBalancing: 'App Service plan "{{name}}" does not balance workers across availability zones.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
    resourceTypes: ['azurerm_service_plan'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const plan of instancesOf(context, node, ['azurerm_service_plan'])) {
          const sku = str(plan, 'sku_name');
          if (skip(context, sku, 'sku_name') || (sku && isServerless(sku.value))) continue;
          const workers = num(plan, 'worker_count');
          if (!skip(context, workers, 'worker_count') && (workers?.value ?? WORKER_COUNT_DEFAULT) < 2) {
            reportInstance(context, { instance: plan, value: workers, attr: 'worker_count', messageId: 'fewWorkers', data: { name: plan.name, count: workers?.value ?? WORKER_COUNT_DEFAULT }, fix: fixAttribute(context, plan, 'worker_count', '2') });
          }
          // On SKUs without zone support the worker count is the only lever, so only it is reported.
          if (!supportsZoneBalancing(sku?.value)) continue;
          const zones = bool(plan, 'zone_balancing_enabled');
          if (skip(context, zones, 'zone_balancing_enabled') || (zones?.value ?? ZONE_BALANCING_DEFAULT)) continue;
          reportInstance(context, { instance: plan, value: zones, attr: 'zone_balancing_enabled', messageId: 'noZoneBalancing', data: { name: plan.name } });
        }
      },
    };
  },
});
