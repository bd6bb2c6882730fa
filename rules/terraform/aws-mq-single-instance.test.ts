import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-mq-single-instance.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'rabbitmq cluster', code: hcl`
        resource "aws_mq_broker" "queue" {
          engine_type     = "RabbitMQ"
          deployment_mode = "CLUSTER_MULTI_AZ"
        }
      ` },
    ],
    invalid: [
      {
        name: 'absent means single instance',
        code: hcl`
          resource "aws_mq_broker" "queue" {
            engine_type = "ActiveMQ"
          }
        `,
        output: null,
        errors: [{ messageId: 'singleInstance', line: 1 }],
      },
      {
        name: 'explicit single instance rabbitmq',
        code: hcl`
          resource "aws_mq_broker" "queue" {
            engine_type     = "RabbitMQ"
            deployment_mode = "SINGLE_INSTANCE"
          }
        `,
        output: null,
        errors: [{ messageId: 'singleInstance', line: 3, column: 21 }],
      },
    ],
  },
  { resource: 'aws_mq_broker', attr: 'deployment_mode', bad: '"SINGLE_INSTANCE"', good: '"ACTIVE_STANDBY_MULTI_AZ"', messageId: 'singleInstance', body: 'engine_type = "ActiveMQ"' },
));
