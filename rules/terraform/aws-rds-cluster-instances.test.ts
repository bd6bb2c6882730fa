import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-rds-cluster-instances.js';
import { withVariants } from './utils/test-variants.js';

const cluster = 'resource "aws_rds_cluster" "main" {\n  engine = "aurora-postgresql"\n}';

ruleTester().run(rule, withVariants(
  {
    valid: [
      {
        name: 'an Aurora Limitless cluster with a standby shard group',
        code: hcl`
          resource "aws_rds_cluster" "limitless" {
            cluster_identifier       = "limitless"
            engine                   = "aurora-postgresql"
            engine_mode              = ""
            cluster_scalability_type = "limitless"
          }
          resource "aws_rds_shard_group" "main" {
            db_shard_group_identifier = "main"
            db_cluster_identifier     = aws_rds_cluster.limitless.id
            max_acu                   = 768
            compute_redundancy        = 1
          }
        `,
      },
      { name: 'two instances by count', code: hcl`
        resource "aws_rds_cluster" "main" {
          engine = "aurora-mysql"
        }
        resource "aws_rds_cluster_instance" "node" {
          count              = 2
          cluster_identifier = aws_rds_cluster.main.id
        }
      ` },
      { name: 'two instances by for_each, named by identifier', code: hcl`
        resource "aws_rds_cluster" "main" {
          cluster_identifier = "orders"
        }
        resource "aws_rds_cluster_instance" "node" {
          for_each           = toset(["a", "b"])
          cluster_identifier = "orders"
        }
      ` },
      { name: 'serverless v1 has no instances', code: hcl`
        resource "aws_rds_cluster" "main" {
          engine_mode = "serverless"
        }
      ` },
      { name: 'Multi-AZ DB cluster', code: hcl`
        resource "aws_rds_cluster" "main" {
          engine                    = "postgres"
          db_cluster_instance_class = "db.r6gd.large"
        }
      ` },
      { name: 'read replica autoscaling keeps a floor', code: hcl`
        resource "aws_rds_cluster" "main" {
          engine = "aurora-mysql"
        }
        resource "aws_rds_cluster_instance" "writer" {
          cluster_identifier = aws_rds_cluster.main.id
        }
        resource "aws_appautoscaling_target" "replicas" {
          service_namespace  = "rds"
          scalable_dimension = "rds:cluster:ReadReplicaCount"
          resource_id        = "cluster:\${aws_rds_cluster.main.cluster_identifier}"
          min_capacity       = 1
          max_capacity       = 4
        }
      ` },
      { name: 'registry module in serverless v1 mode has no instances to count', code: hcl`
        module "reports_db" {
          source      = "terraform-aws-modules/rds-aurora/aws"
          version     = "~> 7.0"
          engine_mode = "serverless"
        }
      ` },
      { name: 'registry module creating a Multi-AZ DB cluster brings its own standbys', code: hcl`
        module "orders" {
          source                    = "terraform-aws-modules/rds-aurora/aws"
          engine                    = "postgres"
          db_cluster_instance_class = "db.m6gd.large"
        }
      ` },
      { name: 'registry module before 6.0 counts replica_count instances', code: hcl`
        module "ledger" {
          source        = "terraform-aws-modules/rds-aurora/aws"
          version       = "~> 4.1"
          replica_count = 2
        }
      ` },
      { name: 'registry module before 6.0 with replica autoscaling keeps replica_scale_min (default 2)', code: hcl`
        module "ledger" {
          source                = "git::https://github.com/terraform-aws-modules/terraform-aws-rds-aurora.git?ref=v5.3.0"
          replica_scale_enabled = true
        }
      ` },
      { name: 'registry module with two instances', code: hcl`
        module "aurora" {
          source    = "terraform-aws-modules/rds-aurora/aws"
          instances = { one = {}, two = {} }
        }
      ` },
    ],
    invalid: [
      {
        name: 'an Aurora Limitless cluster is judged by its shard group, not by instances',
        code: hcl`
          resource "aws_rds_cluster" "limitless" {
            cluster_identifier       = "limitless"
            engine                   = "aurora-postgresql"
            cluster_scalability_type = "limitless"
          }
          resource "aws_rds_shard_group" "main" {
            db_shard_group_identifier = "main"
            db_cluster_identifier     = aws_rds_cluster.limitless.id
            max_acu                   = 768
          }
        `,
        output: hcl`
          resource "aws_rds_cluster" "limitless" {
            cluster_identifier       = "limitless"
            engine                   = "aurora-postgresql"
            cluster_scalability_type = "limitless"
          }
          resource "aws_rds_shard_group" "main" {
            compute_redundancy = 1
            db_shard_group_identifier = "main"
            db_cluster_identifier     = aws_rds_cluster.limitless.id
            max_acu                   = 768
          }
        `,
        errors: [{ messageId: 'noStandbyShards', line: 6 }],
      },
      {
        name: 'one instance',
        code: hcl`
          resource "aws_rds_cluster" "main" {
            engine = "aurora-postgresql"
          }
          resource "aws_rds_cluster_instance" "node" {
            cluster_identifier = aws_rds_cluster.main.id
          }
        `,
        errors: [{ messageId: 'tooFew', data: { count: 1 }, line: 1, column: 1, endColumn: 34 }],
      },
      {
        name: 'no instance at all',
        code: hcl`
          resource "aws_rds_cluster" "main" {
            engine = "aurora-postgresql"
          }
        `,
        errors: [{ messageId: 'tooFew', data: { count: 0 } }],
      },
      {
        name: 'registry module before 6.0 without replica_count has its one default instance',
        code: hcl`
          module "ledger" {
            source  = "terraform-aws-modules/rds-aurora/aws"
            version = "3.5.0"
          }
        `,
        errors: [{ messageId: 'tooFew', data: { count: 1 }, line: 1 }],
      },
      {
        name: 'registry module before 6.0 with replica_count = 1',
        code: hcl`
          module "ledger" {
            source        = "terraform-aws-modules/rds-aurora/aws"
            replica_count = 1
          }
        `,
        errors: [{ messageId: 'tooFew', data: { count: 1 }, line: 3, column: 19 }],
      },
      {
        name: 'registry module with one instance',
        code: hcl`
          module "aurora" {
            source    = "terraform-aws-modules/rds-aurora/aws"
            instances = { one = {} }
          }
        `,
        errors: [{ messageId: 'tooFew', line: 3, column: 15 }],
      },
    ],
  },
  {
    resource: 'aws_rds_cluster_instance',
    attr: 'count',
    bad: '1',
    good: '2',
    messageId: 'tooFew',
    body: 'cluster_identifier = aws_rds_cluster.main.id',
    extra: cluster,
    noCountZero: true,
  },
));
