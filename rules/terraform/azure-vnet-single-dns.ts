import { defineRule } from './utils/define-rule.js';
import { instancesOf, type ResourceNode } from './utils/instances.js';
import { reportInstance } from './utils/report.js';
import { list, skip } from './utils/values.js';

export default defineRule({
  meta: {
    id: 'terraform/azure-vnet-single-dns',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Virtual networks with custom DNS list two or more DNS servers',
      rationale: 'With exactly one custom DNS server, every VM of the network stops resolving names when that server is down.',
      remediation: 'List at least two DNS servers (in different zones), or remove `dns_servers` to use Azure-provided DNS.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults: '`dns_servers` absent or empty means Azure-provided DNS, which is redundant.',
    },
    messages: {
      singleDns: 'Virtual network "{{name}}" has a single custom DNS server.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
    resourceTypes: ['azurerm_virtual_network', 'azurerm_virtual_network_dns_servers'],
  },
  create(context) {
    return {
      Resource(node: ResourceNode) {
        for (const vnet of instancesOf(context, node, ['azurerm_virtual_network', 'azurerm_virtual_network_dns_servers'])) {
          const servers = list(vnet, 'dns_servers');
          if (skip(context, servers, 'dns_servers') || servers?.value.length !== 1) continue;
          reportInstance(context, { instance: vnet, value: servers, attr: 'dns_servers', messageId: 'singleDns', data: { name: vnet.name } });
        }
      },
    };
  },
});
