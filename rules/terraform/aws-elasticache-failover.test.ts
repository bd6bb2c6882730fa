import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-elasticache-failover.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      {
        name: 'a cluster that joins the group with replication_group_id is its replica',
        code: hcl`
          resource "aws_elasticache_replication_group" "sessions" {
            replication_group_id       = "sessions"
            description                = "sessions"
            automatic_failover_enabled = true
            multi_az_enabled           = true
          }
          resource "aws_elasticache_cluster" "replica" {
            cluster_id           = "sessions-replica"
            replication_group_id = aws_elasticache_replication_group.sessions.id
          }
        `,
      },
      { name: 'two nodes, failover and Multi-AZ', code: hcl`
        resource "aws_elasticache_replication_group" "cache" {
          num_cache_clusters         = 2
          automatic_failover_enabled = true
          multi_az_enabled           = true
        }
      ` },
      { name: 'cluster mode with a replica per shard', code: hcl`
        resource "aws_elasticache_replication_group" "cache" {
          num_node_groups            = 3
          replicas_per_node_group    = 1
          automatic_failover_enabled = true
          multi_az_enabled           = true
        }
      ` },
      { name: 'registry module only judged on explicit values', code: hcl`
        module "cache" {
          source = "terraform-aws-modules/elasticache/aws"
        }
      ` },
    ],
    invalid: [
      {
        name: 'defaults: one node, no failover, no Multi-AZ',
        code: hcl`
          resource "aws_elasticache_replication_group" "cache" {
            description = "sessions"
          }
        `,
        output: hcl`
          resource "aws_elasticache_replication_group" "cache" {
            num_cache_clusters = 2
            multi_az_enabled = true
            automatic_failover_enabled = true
            description = "sessions"
          }
        `,
        errors: [{ messageId: 'noFailover', line: 1 }, { messageId: 'notMultiAz', line: 1 }, { messageId: 'tooFewNodes', line: 1 }],
      },
      {
        name: 'the provider v5 cluster_mode string attribute carries no replicas: one node is still one node',
        code: hcl`
          resource "aws_elasticache_replication_group" "queue" {
            description                = "queue"
            cluster_mode               = "disabled"
            automatic_failover_enabled = true
            multi_az_enabled           = true
          }
        `,
        output: hcl`
          resource "aws_elasticache_replication_group" "queue" {
            num_cache_clusters = 2
            description                = "queue"
            cluster_mode               = "disabled"
            automatic_failover_enabled = true
            multi_az_enabled           = true
          }
        `,
        errors: [{ messageId: 'tooFewNodes', data: { nodes: 1 }, line: 1 }],
      },
      {
        name: 'failover explicitly off',
        code: hcl`
          resource "aws_elasticache_replication_group" "cache" {
            num_cache_clusters         = 3
            automatic_failover_enabled = false
            multi_az_enabled           = true
          }
        `,
        output: hcl`
          resource "aws_elasticache_replication_group" "cache" {
            num_cache_clusters         = 3
            automatic_failover_enabled = true
            multi_az_enabled           = true
          }
        `,
        errors: [{ messageId: 'noFailover', line: 3, column: 32 }],
      },
      {
        name: 'registry module with failover off',
        code: hcl`
          module "cache" {
            source                     = "terraform-aws-modules/elasticache/aws"
            automatic_failover_enabled = false
          }
        `,
        errors: [{ messageId: 'noFailover', line: 3 }],
      },
    ],
  },
  {
    resource: 'aws_elasticache_replication_group',
    attr: 'automatic_failover_enabled',
    bad: 'false',
    good: 'true',
    messageId: 'noFailover',
    body: 'num_cache_clusters = 2\nmulti_az_enabled = true',
  },
));
