import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './aws-route53-failover-health-check.js';

const record = (check: string) =>
  `resource "aws_route53_record" "primary" {\n  name           = "api"\n  set_identifier = "primary"\n  ${check}\n  failover_routing_policy {\n    type = "PRIMARY"\n  }\n}\n`;

ruleTester().run(rule, {
  valid: [
    { name: 'with a health check', code: record('health_check_id = aws_route53_health_check.api.id') },
    { name: 'alias evaluating target health', code: hcl`
      resource "aws_route53_record" "primary" {
        name = "api"
        alias {
          name                   = "lb.example.com"
          zone_id                = "Z1"
          evaluate_target_health = true
        }
        failover_routing_policy {
          type = "PRIMARY"
        }
      }
    ` },
    { name: 'simple routing', code: record('ttl = 60').replace(/ {2}failover_routing_policy \{\n {4}type = "PRIMARY"\n {2}\}\n/, '') },
    { name: 'count = 0', code: record('count = 0') },
    { name: 'health check id from a data source still counts as set', code: record('health_check_id = data.aws_route53_health_check.api.id') },
    { name: 'health check id from tfvars', code: `variable "hc" {\n  default = null\n}\n${record('health_check_id = var.hc')}`, files: { 'terraform.tfvars': 'hc = "abc-123"\n' } },
  ],
  invalid: [
    { name: 'failover without a health check', code: record('ttl = 60'), errors: [{ messageId: 'noHealthCheck', data: { role: 'PRIMARY' }, line: 5, column: 3 }] },
    { name: 'health check id null by default', code: `variable "hc" {\n  default = null\n}\n${record('health_check_id = var.hc')}`, errors: [{ messageId: 'noHealthCheck', line: 8 }] },
    {
      name: 'module call passes no health check',
      filename: 'modules/dns/main.tf',
      code: `variable "hc" {\n  default = null\n}\n${record('health_check_id = var.hc')}`,
      files: { 'main.tf': 'module "dns" {\n  source = "./modules/dns"\n}\n' },
      errors: [{ messageId: 'noHealthCheck', file: 'modules/dns/main.tf' }],
    },
  ],
});
