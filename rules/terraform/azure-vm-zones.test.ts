import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './azure-vm-zones.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'VM in a zone', code: hcl`
        resource "azurerm_linux_virtual_machine" "vm" {
          size = "Standard_D2s_v5"
          zone = "1"
        }
      ` },
      { name: 'VM in an availability set', code: hcl`
        resource "azurerm_windows_virtual_machine" "vm" {
          availability_set_id = azurerm_availability_set.web.id
        }
      ` },
      { name: 'scale set with an autoscale floor', code: hcl`
        resource "azurerm_linux_virtual_machine_scale_set" "web" {
          instances = 1
          zones     = ["1", "2", "3"]
        }
        resource "azurerm_monitor_autoscale_setting" "web" {
          target_resource_id = azurerm_linux_virtual_machine_scale_set.web.id
          profile {
            name = "default"
            capacity {
              default = 2
              minimum = 2
              maximum = 10
            }
          }
        }
      ` },
    ],
    invalid: [
      { name: 'VM without zone', code: hcl`
        resource "azurerm_linux_virtual_machine" "vm" {
          size = "Standard_D2s_v5"
        }
      `, errors: [{ messageId: 'noZone', line: 1, column: 1 }] },
      { name: 'scale set in one zone', code: hcl`
        resource "azurerm_linux_virtual_machine_scale_set" "web" {
          instances = 3
          zones     = ["1"]
        }
      `, errors: [{ messageId: 'fewZones', line: 3, column: 15 }] },
    ],
  },
  { resource: 'azurerm_linux_virtual_machine_scale_set', attr: 'instances', bad: '1', good: '3', messageId: 'fewInstances', body: 'zones = ["1", "2"]' },
));
