import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './dead-mans-switch.js';

ruleTester().run(rule, {
  valid: [
    {
      name: 'the Watchdog goes to Dead Man\'s Snitch',
      code: yaml`
        route:
          receiver: pager
          routes:
            - matchers: [alertname="Watchdog"]
              receiver: deadmanssnitch
              repeat_interval: 5m
        receivers:
          - name: pager
            pagerduty_configs: [{ service_key: x }]
          - name: deadmanssnitch
            webhook_configs:
              - url_file: /etc/alertmanager/secrets/dms
      `,
    },
    {
      name: 'a heartbeat service reached through another label',
      code: yaml`
        route:
          receiver: pager
          routes:
            - matchers: [heartbeat="true"]
              receiver: healthchecks
        receivers:
          - name: pager
            pagerduty_configs: [{ service_key: x }]
          - name: healthchecks
            webhook_configs:
              - url: https://hc-ping.com/3f2a5c1e-0000-4000-8000-000000000000
      `,
    },
    {
      name: 'an Opsgenie heartbeat for DeadMansSwitch',
      code: 'route:\n  receiver: x\n  routes:\n    - match: { alertname: DeadMansSwitch }\n      receiver: og\nreceivers:\n  - name: x\n  - name: og\n    opsgenie_configs: [{ api_key: k }]\n',
    },
    {
      name: 'a namespace AlertmanagerConfig resource is not judged',
      filename: 'team.yaml',
      code: 'apiVersion: monitoring.coreos.com/v1alpha1\nkind: AlertmanagerConfig\nmetadata: { name: t }\nspec:\n  route: { receiver: t }\n  receivers: [{ name: t }]\n',
    },
    {
      name: 'a configured heartbeat alert name',
      code: 'route:\n  receiver: x\n  routes:\n    - matchers: [alertname="PrometheusAlive"]\n      receiver: hb\nreceivers:\n  - name: x\n  - name: hb\n    webhook_configs: [{ url: "http://heartbeat-bridge:8080/" }]\n',
      options: [{ alertnames: ['PrometheusAlive'] }],
    },
  ],
  invalid: [
    {
      name: 'the kube-prometheus default: Watchdog goes to an empty receiver',
      code: yaml`
        route:
          receiver: Default
          routes:
            - matchers: [alertname = Watchdog]
              receiver: Watchdog
        receivers:
          - name: Default
            email_configs: [{ to: ops@example.com }]
          - name: Watchdog
      `,
      errors: [{ messageId: 'toNobody', line: 5, column: 17, data: { alertname: 'Watchdog', receiver: 'Watchdog' } }],
    },
    {
      name: 'no heartbeat route at all',
      code: 'global:\n  resolve_timeout: 5m\nroute:\n  receiver: pager\nreceivers:\n  - name: pager\n    pagerduty_configs: [{ service_key: x }]\n',
      errors: [{ messageId: 'missing', line: 3, column: 1 }],
    },
  ],
});
