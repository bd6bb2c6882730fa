import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-elasticache-single-node.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      {
        name: 'a member of a replication group is judged as part of the group',
        code: hcl`
          resource "aws_elasticache_replication_group" "sessions" {
            replication_group_id = "sessions"
            description          = "sessions"
          }
          resource "aws_elasticache_cluster" "member" {
            cluster_id           = "sessions-2"
            replication_group_id = aws_elasticache_replication_group.sessions.id
          }
        `,
      },
      { name: 'memcached across zones', code: hcl`
        resource "aws_elasticache_cluster" "cache" {
          engine          = "memcached"
          num_cache_nodes = 3
          az_mode         = "cross-az"
        }
      ` },
      { name: 'member of a replication group', code: hcl`
        resource "aws_elasticache_cluster" "replica" {
          replication_group_id = "sessions"
        }
      ` },
    ],
    invalid: [
      {
        name: 'standalone redis',
        code: hcl`
          resource "aws_elasticache_cluster" "cache" {
            engine          = "redis"
            num_cache_nodes = 1
          }
        `,
        errors: [{ messageId: 'singleNode', line: 2, column: 21 }],
      },
      {
        name: 'memcached in one zone',
        code: hcl`
          resource "aws_elasticache_cluster" "cache" {
            engine          = "memcached"
            num_cache_nodes = 2
          }
        `,
        output: hcl`
          resource "aws_elasticache_cluster" "cache" {
            az_mode = "cross-az"
            engine          = "memcached"
            num_cache_nodes = 2
          }
        `,
        errors: [{ messageId: 'singleAz', line: 1 }],
      },
    ],
  },
  { resource: 'aws_elasticache_cluster', attr: 'az_mode', bad: '"single-az"', good: '"cross-az"', messageId: 'singleAz', body: 'engine = "memcached"\nnum_cache_nodes = 2' },
));
