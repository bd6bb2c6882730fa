import { describe, expect, it } from 'vitest';
import { hcl } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './datadog-monitor-notify.js';
import { alertHandles } from './utils/datadog-handles.js';
import { withVariants } from './utils/test-variants.js';

ruleTester().run(rule, withVariants(
  {
    valid: [
      { name: 'PagerDuty and Opsgenie', code: 'resource "datadog_monitor" "cpu" {\n  name    = "CPU high"\n  type    = "metric alert"\n  query   = "avg(last_5m):avg:system.cpu.user{*} > 90"\n  message = "CPU is high. @pagerduty-Infra @opsgenie-infra"\n}\n' },
      {
        name: 'a pager and Slack in a heredoc with template blocks',
        code: hcl`
          resource "datadog_monitor" "disk" {
            name    = "Disk almost full"
            type    = "metric alert"
            query   = "max(last_5m):max:system.disk.in_use{*} by {host} > 0.9"
            message = <<-EOT
              {{#is_alert}}Disk on {{host.name}} is full. @pagerduty-Infra{{/is_alert}}
              {{#is_warning}}Disk filling up. @slack-ops-warnings{{/is_warning}}
              @slack-ops
            EOT
          }
        `,
      },
      { name: 'e-mail and Microsoft Teams', code: 'resource "datadog_monitor" "a" {\n  message = "Down. @oncall@example.com @teams-Ops"\n}\n' },
      { name: 'no handle at all is not judged', code: 'resource "datadog_monitor" "a" {\n  message = "Dashboard-only monitor"\n}\n' },
      { name: 'a team handle routes through settings nospof cannot see', code: 'resource "datadog_monitor" "a" {\n  message = "@slack-ops @team-platform"\n}\n' },
      { name: 'a handle built from a template variable', code: 'resource "datadog_monitor" "a" {\n  message = "@slack-ops @{{service.name}}-pager"\n}\n' },
      { name: 'a message nospof cannot evaluate', code: 'resource "datadog_monitor" "a" {\n  message = data.template_file.msg.rendered\n}\n' },
      { name: 'two webhooks are two channels', code: 'resource "datadog_monitor" "a" {\n  message = "@webhook-statuspage @webhook-incident-bot"\n}\n' },
    ],
    invalid: [
      {
        name: 'only Slack, in two channels',
        code: 'resource "datadog_monitor" "latency" {\n  name    = "API latency"\n  type    = "metric alert"\n  query   = "avg(last_5m):avg:trace.http.request.duration{service:api} > 2"\n  message = "Latency is high. @slack-ops @slack-api-team"\n}\n',
        errors: [{ messageId: 'oneChannel', line: 5, column: 31, endColumn: 41, data: { name: 'latency', channel: 'Slack', handles: '@slack-ops, @slack-api-team' } }],
      },
      {
        name: 'only PagerDuty when alerting; Slack gets recoveries only',
        code: hcl`
          resource "datadog_monitor" "errors" {
            name    = "Error rate"
            message = <<-EOT
              {{#is_alert}}@pagerduty-Api{{/is_alert}}
              {{#is_recovery}}@slack-api{{/is_recovery}}
            EOT
          }
        `,
        errors: [{ messageId: 'oneChannel', line: 4, column: 18, data: { channel: 'PagerDuty' } }],
      },
      {
        name: 'for each monitor of a for_each',
        code: 'resource "datadog_monitor" "svc" {\n  for_each = toset(["a", "b"])\n  name     = "svc ${each.key}"\n  message  = "@opsgenie-core"\n}\n',
        // One finding per instance (each count/for_each instance is its own finding, its key in the message).
        errors: [
          { messageId: 'oneChannel', line: 4, data: { channel: 'Opsgenie', name: 'svc["a"]' } },
          { messageId: 'oneChannel', line: 4, data: { channel: 'Opsgenie', name: 'svc["b"]' } },
        ],
      },
    ],
  },
  { resource: 'datadog_monitor', attr: 'message', bad: '"Down @slack-ops"', good: '"Down @slack-ops @pagerduty-Infra"', messageId: 'oneChannel' },
));

describe('datadog notification handles', () => {
  it('reads handles, e-mail addresses and template blocks', () => {
    const handles = alertHandles('{{#is_alert}}@pagerduty-A{{/is_alert}} {{^is_warning}}@slack-x{{/is_warning}} mail @a.b@example.com. not-a@handle');
    expect(handles.map((h) => `${h.text}=${h.channel}`)).toEqual(['pagerduty-A=pagerduty', 'slack-x=slack', 'a.b@example.com=email']);
  });

  it('stays linear on hostile messages', () => {
    for (const message of ['{{#is_warning}}'.repeat(50_000) + '@slack-x'.repeat(50_000), '@'.repeat(200_000), `${'{{'.repeat(100_000)}`, `${'a@'.repeat(100_000)}`]) {
      const started = performance.now();
      alertHandles(message);
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });
});
