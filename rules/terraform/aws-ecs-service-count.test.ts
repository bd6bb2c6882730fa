import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-ecs-service-count.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      {
        name: 'ecs service submodule with an autoscaling floor of two',
        code: 'module "api" {\n  source                   = "terraform-aws-modules/ecs/aws//modules/service"\n  autoscaling_min_capacity = 2\n}\n',
      },
      {
        name: 'autoscaling floor under ignore_changes = [desired_count], service found through a computed cluster name',
        code: hcl`
          resource "aws_ecs_cluster" "main" {
            name = "shop"
          }
          resource "aws_ecs_service" "api" {
            name          = "api"
            cluster       = aws_ecs_cluster.main.id
            desired_count = 1
            lifecycle {
              ignore_changes = [desired_count]
            }
          }
          resource "aws_appautoscaling_target" "api" {
            service_namespace  = "ecs"
            scalable_dimension = "ecs:service:DesiredCount"
            resource_id        = "service/\${aws_ecs_cluster.main.name}-\${data.aws_region.current.name}/\${aws_ecs_service.api.name}"
            min_capacity       = 2
            max_capacity       = 10
          }
        `,
      },
      { name: 'daemon service', code: hcl`
        resource "aws_ecs_service" "agent" {
          scheduling_strategy = "DAEMON"
        }
      ` },
      { name: 'count managed outside Terraform (ignore_changes)', code: hcl`
        resource "aws_ecs_service" "api" {
          desired_count = 1
          lifecycle {
            ignore_changes = [desired_count]
          }
        }
      ` },
      { name: 'autoscaler floor of two overrides desired_count', code: hcl`
        resource "aws_ecs_cluster" "main" {
          name = "main"
        }
        resource "aws_ecs_service" "api" {
          name          = "api"
          cluster       = aws_ecs_cluster.main.id
          desired_count = 1
        }
        resource "aws_appautoscaling_target" "api" {
          service_namespace  = "ecs"
          scalable_dimension = "ecs:service:DesiredCount"
          resource_id        = "service/\${aws_ecs_cluster.main.name}/\${aws_ecs_service.api.name}"
          min_capacity       = 2
          max_capacity       = 10
        }
      ` },
    ],
    invalid: [
      {
        name: 'ecs service submodule: autoscaling on by default with a floor of 1',
        code: 'module "api" {\n  source = "terraform-aws-modules/ecs/aws//modules/service"\n}\n',
        errors: [{ messageId: 'floorTooLow', line: 1, data: { count: 1 } }],
      },
      {
        name: 'ecs module services map: each service judged with the module defaults',
        code: 'module "ecs" {\n  source = "terraform-aws-modules/ecs/aws"\n  services = {\n    api    = { autoscaling_min_capacity = 3 }\n    worker = { enable_autoscaling = false }\n  }\n}\n',
        errors: [{ messageId: 'tooFew', data: { name: 'ecs.worker', count: 1 }, line: 5, column: 14 }],
      },
      {
        name: 'ecs module services: on the count the caller wrote inside the entry',
        code: 'module "ecs" {\n  source = "terraform-aws-modules/ecs/aws"\n  services = {\n    worker = {\n      enable_autoscaling = false\n      desired_count      = 1\n    }\n  }\n}\n',
        errors: [{ messageId: 'tooFew', data: { name: 'ecs.worker', count: 1 }, line: 6, column: 28 }],
      },
      {
        name: 'the floor decides even when ignore_changes hands desired_count elsewhere',
        code: hcl`
          resource "aws_ecs_service" "api" {
            name          = "api"
            cluster       = "shop"
            desired_count = 3
            lifecycle {
              ignore_changes = [desired_count]
            }
          }
          resource "aws_appautoscaling_target" "api" {
            service_namespace  = "ecs"
            scalable_dimension = "ecs:service:DesiredCount"
            resource_id        = "service/shop/\${aws_ecs_service.api.name}"
            min_capacity       = 1
            max_capacity       = 10
          }
        `,
        errors: [{ messageId: 'floorTooLow', line: 13, column: 24 }],
      },
      {
        name: 'desired_count absent is 0',
        code: hcl`
          resource "aws_ecs_service" "api" {
            name = "api"
          }
        `,
        output: hcl`
          resource "aws_ecs_service" "api" {
            desired_count = 2
            name = "api"
          }
        `,
        errors: [{ messageId: 'tooFew', data: { count: 0 }, line: 1 }],
      },
      {
        name: 'one task',
        code: hcl`
          resource "aws_ecs_service" "api" {
            desired_count = 1
          }
        `,
        output: hcl`
          resource "aws_ecs_service" "api" {
            desired_count = 2
          }
        `,
        errors: [{ messageId: 'tooFew', line: 2, column: 19 }],
      },
      {
        name: 'autoscaler floor of one',
        code: hcl`
          resource "aws_ecs_service" "api" {
            name          = "api"
            desired_count = 3
          }
          resource "aws_appautoscaling_target" "api" {
            service_namespace  = "ecs"
            scalable_dimension = "ecs:service:DesiredCount"
            resource_id        = "service/main/api"
            min_capacity       = 1
            max_capacity       = 10
          }
        `,
        errors: [{ messageId: 'floorTooLow', line: 9, column: 24 }],
      },
    ],
  },
  { resource: 'aws_ecs_service', attr: 'desired_count', bad: '1', good: '3', messageId: 'tooFew' },
));
