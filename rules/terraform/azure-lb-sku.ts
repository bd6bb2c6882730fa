import { defineRule } from './utils/define-rule.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { skip, str } from './utils/values.js';

/**
 * azurerm defaults: `azurerm_lb.sku` absent means Basic. `azurerm_public_ip.sku` defaulted to Basic before
 * provider v4 and to Standard since, so an absent public IP SKU is not judged.
 */
const LB_SKU_DEFAULT = 'Basic';

export default defineRule({
  meta: {
    id: 'terraform/azure-lb-sku',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Load balancers and public IPs use the Standard SKU (zone redundant)',
      rationale: 'Basic load balancers and public IPs have no availability zones and no SLA (and are retired): a zone failure takes the frontend down.',
      remediation: 'Set `sku = "Standard"` (public IPs then are zone-redundant by default in zonal regions).',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: '`azurerm_lb.sku` absent means Basic. `azurerm_public_ip.sku` absent is Standard from provider v4 and is not judged.',
    },
    messages: {
      basic: '{{type}} "{{name}}" uses the Basic SKU: no zone redundancy.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
    resourceTypes: ['azurerm_lb', 'azurerm_public_ip'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const resource of instancesOf(context, node, ['azurerm_lb', 'azurerm_public_ip'])) {
          const sku = str(resource, 'sku');
          if (skip(context, sku, 'sku')) continue;
          const value = sku?.value ?? (resource.resourceType === 'azurerm_lb' ? LB_SKU_DEFAULT : undefined);
          if (value?.toLowerCase() !== 'basic') continue;
          reportInstance(context, {
            instance: resource,
            value: sku,
            attr: 'sku',
            messageId: 'basic',
            data: { type: resource.resourceType, name: resource.name },
          });
        }
      },
    };
  },
});
