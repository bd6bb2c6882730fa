import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-msk-brokers.js';
import { withVariants } from './utils/test-variants.js';

const cluster = (subnets: string, brokers = '3') =>
  `resource "aws_msk_cluster" "events" {\n  number_of_broker_nodes = ${brokers}\n  broker_node_group_info {\n    instance_type  = "kafka.m5.large"\n    client_subnets = ${subnets}\n  }\n}\n`;

ruleTester().run(rule, withVariants(
  {
    valid: [
    { name: 'msk module over three subnets', code: 'module "msk" {\n  source                     = "terraform-aws-modules/msk-kafka-cluster/aws"\n  number_of_broker_nodes     = 3\n  broker_node_client_subnets = ["a", "b", "c"]\n}\n' },
      { name: 'three subnets, three brokers', code: cluster('["subnet-a", "subnet-b", "subnet-c"]') },
      { name: 'subnets unknown', code: cluster('data.aws_subnets.private.ids') },
    ],
    invalid: [
    { name: 'msk module with fewer brokers than subnets', code: 'module "msk" {\n  source                     = "terraform-aws-modules/msk-kafka-cluster/aws"\n  number_of_broker_nodes     = 2\n  broker_node_client_subnets = ["a", "b", "c"]\n}\n', errors: [{ messageId: 'fewBrokers', line: 3 }] },
      { name: 'one subnet', code: cluster('["subnet-a"]', '2'), errors: [{ messageId: 'fewSubnets', line: 5, column: 22 }] },
      { name: 'fewer brokers than subnets', code: cluster('["subnet-a", "subnet-b", "subnet-c"]', '2'), errors: [{ messageId: 'fewBrokers', line: 2, column: 28 }] },
    ],
  },
  {
    resource: 'aws_msk_cluster',
    attr: 'number_of_broker_nodes',
    bad: '2',
    good: '3',
    messageId: 'fewBrokers',
    body: 'broker_node_group_info {\n  instance_type  = "kafka.m5.large"\n  client_subnets = ["subnet-a", "subnet-b", "subnet-c"]\n}',
  },
));
