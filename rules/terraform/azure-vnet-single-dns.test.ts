import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './azure-vnet-single-dns.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'Azure DNS', code: hcl`
        resource "azurerm_virtual_network" "vnet" {
          address_space = ["10.0.0.0/16"]
        }
      ` },
    ],
    invalid: [
      { name: 'one DNS server', code: hcl`
        resource "azurerm_virtual_network" "vnet" {
          dns_servers = ["10.0.0.4"]
        }
      `, errors: [{ messageId: 'singleDns', line: 2, column: 17 }] },
    ],
  },
  { resource: 'azurerm_virtual_network', attr: 'dns_servers', bad: '["10.0.0.4"]', good: '["10.0.0.4", "10.0.1.4"]', messageId: 'singleDns' },
));
