import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './azure-aks-zones.js';

const cluster = (count: string, zones = '["1", "2", "3"]') =>
  `resource "azurerm_kubernetes_cluster" "aks" {\n  sku_tier = "Standard"\n  default_node_pool {\n    name       = "system"\n    vm_size    = "Standard_D4s_v5"\n    node_count = ${count}\n    zones      = ${zones}\n  }\n}\n`;

ruleTester().run(rule, {
  valid: [
      { name: 'aks module: three zones and the default two agents', code: hcl`
        module "aks" {
          source                    = "Azure/aks/azurerm"
          version                   = "9.1.0"
          agents_availability_zones = ["1", "2", "3"]
        }
      ` },
      { name: 'aks module: autoscaling without agents_min_count is not judged', code: hcl`
        module "aks" {
          source                    = "Azure/aks/azurerm"
          agents_availability_zones = ["1", "2", "3"]
          auto_scaling_enabled      = true
        }
      ` },
      { name: 'aks module: unknown zones are not judged', code: hcl`
        module "aks" {
          source                    = "Azure/aks/azurerm"
          agents_availability_zones = data.azurerm_location.this.zone_mappings
          agents_count              = 3
        }
      ` },
      { name: 'aks AVM module: a pool left to the module defaults is not judged', code: hcl`
        module "aks" {
          source = "Azure/avm-res-containerservice-managedcluster/azurerm"
          default_node_pool = {
            name    = "system"
            vm_size = "Standard_D4s_v5"
          }
        }
      ` },
      { name: 'aks AVM module: a tier left to the module is not judged under strict', options: [{ min: 2, requirePaidTier: true }], code: hcl`
        module "aks" {
          source = "Azure/avm-res-containerservice-managedcluster/azurerm"
          sku    = { name = "Base", tier = var.tier }
        }
      ` },
      { name: 'aks AVM module: azapi pool over three zones with the default count_of', code: hcl`
        module "aks" {
          source = "Azure/avm-res-containerservice-managedcluster/azurerm"
          default_agent_pool = {
            availability_zones = ["1", "2", "3"]
          }
        }
      ` },
      { name: 'aks AVM module: an autoscaled pool may scale to zero', code: hcl`
        module "aks" {
          source = "Azure/avm-res-containerservice-managedcluster/azurerm"
          default_node_pool = {
            name                 = "system"
            vm_size              = "Standard_D4s_v5"
            zones                = ["1", "2", "3"]
            auto_scaling_enabled = true
            min_count            = 0
          }
        }
      ` },
      { name: 'aks AVM module: an unknown pool is not judged', code: hcl`
        variable "pool" {}
        module "aks" {
          source            = "Azure/avm-res-containerservice-managedcluster/azurerm"
          default_node_pool = var.pool
        }
      ` },
    { name: 'a scale-to-zero user pool (min_count = 0) is allowed by default', code: hcl`
      resource "azurerm_kubernetes_cluster_node_pool" "gpu" {
        name                = "gpu"
        zones               = ["1", "2", "3"]
        auto_scaling_enabled = true
        min_count           = 0
        max_count           = 4
      }
    ` },
    { name: 'three nodes in three zones', code: cluster('3') },
    { name: 'autoscaling floor of two', code: hcl`
      resource "azurerm_kubernetes_cluster_node_pool" "user" {
        name                 = "user"
        auto_scaling_enabled = true
        min_count            = 2
        max_count            = 10
        zones                = ["1", "2"]
      }
    ` },
    { name: 'unknown count', code: cluster('data.x.y.count') },
    { name: 'count = 0', code: cluster('1').replace('{\n  sku_tier', '{\n  count = 0\n  sku_tier') },
    { name: 'tfvars raises the count', code: `variable "v" {\n  default = 1\n}\n${cluster('var.v')}`, files: { 'terraform.tfvars': 'v = 3\n' } },
    { name: 'free tier is fine in recommended', code: cluster('3').replace('"Standard"', '"Free"') },
  ],
  invalid: [
      {
        name: 'aks module: no zones by default (on the module block)',
        code: hcl`
          module "aks" {
            source  = "Azure/aks/azurerm"
            version = "9.1.0"
          }
        `,
        errors: [{ messageId: 'noZones', line: 1 }],
      },
      {
        name: 'aks module: one agent in one zone',
        code: hcl`
          module "aks" {
            source                    = "Azure/aks/azurerm"
            agents_availability_zones = ["1"]
            agents_count              = 1
          }
        `,
        errors: [{ messageId: 'noZones', line: 3 }, { messageId: 'tooFewNodes', line: 4 }],
      },
      {
        name: 'aks module: the older enable_auto_scaling with a floor of one',
        code: hcl`
          module "aks" {
            source                    = "Azure/aks/azurerm"
            version                   = "7.5.0"
            agents_availability_zones = ["1", "2"]
            enable_auto_scaling       = true
            agents_min_count          = 1
          }
        `,
        errors: [{ messageId: 'tooFewNodes', line: 6 }],
      },
      {
        name: 'aks AVM module: a default node pool of one node in one zone',
        code: hcl`
          module "aks" {
            source = "Azure/avm-res-containerservice-managedcluster/azurerm"
            default_node_pool = {
              name       = "system"
              vm_size    = "Standard_D4s_v5"
              zones      = ["1"]
              node_count = 1
            }
          }
        `,
        errors: [{ messageId: 'noZones', line: 6, column: 18 }, { messageId: 'tooFewNodes', line: 7, column: 18, data: { count: 1 } }],
      },
      {
        name: 'aks AVM module: an azapi default agent pool of one',
        code: hcl`
          module "aks" {
            source = "Azure/avm-res-containerservice-managedcluster/azurerm"
            default_agent_pool = {
              availability_zones = ["1", "2", "3"]
              count_of           = 1
            }
          }
        `,
        errors: [{ messageId: 'tooFewNodes', line: 5, column: 26 }],
      },
    { name: 'a scale-to-zero pool with allowScaleToZero off', code: hcl`
      resource "azurerm_kubernetes_cluster_node_pool" "gpu" {
        name                = "gpu"
        zones               = ["1", "2", "3"]
        auto_scaling_enabled = true
        min_count           = 0
        max_count           = 4
      }
    `, options: [{ min: 2, requirePaidTier: false, allowScaleToZero: false }], errors: [{ messageId: 'tooFewNodes', data: { count: 0 }, line: 5 }] },
    { name: 'one node', code: cluster('1'), errors: [{ messageId: 'tooFewNodes', line: 6, column: 18 }] },
    { name: 'no zones', code: cluster('3', '[]'), errors: [{ messageId: 'noZones', data: { zones: 0 }, line: 7, column: 18 }] },
    {
      name: 'aks AVM module: a written Free tier under strict (azapi sku object)',
      options: [{ min: 2, requirePaidTier: true }],
      code: hcl`
        module "aks" {
          source = "Azure/avm-res-containerservice-managedcluster/azurerm"
          sku = {
            name = "Base"
            tier = "Free"
          }
          default_agent_pool = {
            availability_zones = ["1", "2", "3"]
            count_of           = 3
          }
        }
      `,
      errors: [{ messageId: 'freeTier', data: { name: 'aks' }, line: 5 }],
    },
    {
      name: 'aks AVM module: a written Free sku_tier under strict (azurerm generation)',
      options: [{ min: 2, requirePaidTier: true }],
      code: hcl`
        module "aks" {
          source   = "Azure/avm-res-containerservice-managedcluster/azurerm"
          sku_tier = "Free"
        }
      `,
      errors: [{ messageId: 'freeTier', line: 3 }],
    },
    { name: 'free tier under strict', options: [{ min: 2, requirePaidTier: true }], code: cluster('3').replace('"Standard"', '"Free"'), errors: [{ messageId: 'freeTier', line: 2 }] },
    { name: 'from a variable default', code: `variable "v" {\n  default = 1\n}\n${cluster('var.v')}`, errors: [{ messageId: 'tooFewNodes', line: 2 }] },
    { name: 'tfvars lowers the count', code: `variable "v" {\n  default = 3\n}\n${cluster('var.v')}`, files: { 'terraform.tfvars': 'v = 1\n' }, errors: [{ messageId: 'tooFewNodes' }] },
    {
      name: 'passed in by a module call',
      filename: 'modules/aks/main.tf',
      code: `variable "v" {}\n${cluster('var.v')}`,
      files: { 'main.tf': 'module "aks" {\n  source = "./modules/aks"\n  v      = 1\n}\n' },
      errors: [{ messageId: 'tooFewNodes', file: 'main.tf', line: 3 }],
    },
    {
      name: 'autoscaling floor of one',
      code: hcl`
        resource "azurerm_kubernetes_cluster_node_pool" "user" {
          name                 = "user"
          auto_scaling_enabled = true
          min_count            = 1
          max_count            = 10
          zones                = ["1", "2"]
        }
      `,
      errors: [{ messageId: 'tooFewNodes', line: 4, column: 26 }],
    },
  ],
});
