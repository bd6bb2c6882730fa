import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './route-channel-redundancy.js';

const receivers = yaml`
  receivers:
    - name: slack
      slack_configs:
        - api_url: https://hooks.slack.com/services/T0/B0/x
          channel: '#alerts'
    - name: slack-two-rooms
      slack_configs:
        - { api_url: https://hooks.slack.com/services/T0/B0/x, channel: '#ops' }
        - { api_url: https://hooks.slack.com/services/T0/B0/x, channel: '#oncall' }
    - name: pagerduty
      pagerduty_configs:
        - routing_key_file: /etc/alertmanager/secrets/pd
    - name: pager-and-mail
      pagerduty_configs:
        - routing_key_file: /etc/alertmanager/secrets/pd
      email_configs:
        - to: oncall@example.com
    - name: opsgenie-hook
      webhook_configs:
        - url: https://api.opsgenie.com/v1/json/prometheus?apiKey=abc
    - name: secret-hook
      webhook_configs:
        - url_file: /etc/alertmanager/secrets/hook
`;

const config = (route: string) => `${yaml`
  route:
    ${route}
`}${receivers}`;

ruleTester().run(rule, {
  valid: [
    {
      name: 'an AlertmanagerConfig that a HelmRelease names in another namespace routes only its namespace',
      filename: 'team/alertmanagerconfig.yaml',
      code: yaml`
        apiVersion: monitoring.coreos.com/v1alpha1
        kind: AlertmanagerConfig
        metadata: { name: alertmanager, namespace: team-a }
        spec:
          route:
            receiver: pushover
          receivers:
            - name: pushover
              pushoverConfigs: [{ userKey: { name: am, key: user }, token: { name: am, key: token } }]
      `,
      files: {
        'kube-prometheus-stack/helmrelease.yaml': yaml`
          apiVersion: helm.toolkit.fluxcd.io/v2
          kind: HelmRelease
          metadata: { name: kube-prometheus-stack, namespace: observability }
          spec:
            chart: { spec: { chart: kube-prometheus-stack } }
            values:
              alertmanager:
                alertmanagerSpec:
                  alertmanagerConfiguration: { name: alertmanager }
        `,
      },
    },
    {
      name: 'the critical route reaches a pager and e-mail',
      code: config(yaml`
        receiver: slack
        routes:
          - matchers: [severity="critical"]
            receiver: pager-and-mail
      `),
    },
    {
      name: 'PagerDuty, and Opsgenie through a webhook, with continue',
      code: config(yaml`
        receiver: slack
        routes:
          - matchers: [severity=~"critical|page"]
            receiver: pagerduty
            continue: true
          - matchers: [severity="critical"]
            receiver: opsgenie-hook
      `),
    },
    {
      name: 'a catch-all sibling with continue adds Slack to PagerDuty',
      code: config(yaml`
        receiver: slack
        routes:
          - receiver: slack
            continue: true
          - match: { severity: critical }
            receiver: pagerduty
      `),
    },
    {
      name: 'a webhook nospof cannot read may be a second channel',
      code: config(yaml`
        receiver: slack
        routes:
          - matchers: [severity="critical"]
            receiver: pagerduty
            continue: true
          - matchers: [severity="critical"]
            receiver: secret-hook
      `),
    },
    {
      name: 'a templated receiver is unknown',
      code: config(yaml`
        receiver: slack
        routes:
          - matchers: [severity="critical"]
            receiver: '{{ .Values.criticalReceiver }}'
      `),
    },
    {
      name: 'the default route reaches two kinds when nothing selects critical alerts',
      code: config('receiver: pager-and-mail\n'),
    },
    {
      name: 'an empty receiver is left to alerting/empty-receiver',
      code: 'route:\n  receiver: nobody\nreceivers:\n  - name: nobody\n',
    },
    {
      name: 'a warning route is not critical',
      code: config(yaml`
        receiver: pager-and-mail
        routes:
          - matchers: [severity="warning"]
            receiver: slack
      `),
    },
    {
      name: 'an unreachable critical route (an earlier catch-all takes everything) is not judged',
      code: config(yaml`
        receiver: pager-and-mail
        routes:
          - receiver: pager-and-mail
          - matchers: [severity="critical"]
            receiver: slack
      `),
    },
    {
      name: 'a namespace AlertmanagerConfig resource also reaches the global routes',
      filename: 'team-db.yaml',
      code: yaml`
        apiVersion: monitoring.coreos.com/v1alpha1
        kind: AlertmanagerConfig
        metadata: { name: team-db, namespace: db }
        spec:
          route:
            receiver: db-slack
            matchers: [{ name: severity, value: critical }]
          receivers:
            - name: db-slack
              slackConfigs: [{ channel: '#db' }]
      `,
    },
    {
      name: 'a named critical alert routed on purpose',
      code: config(yaml`
        receiver: pager-and-mail
        routes:
          - matchers: [alertname="CPUThrottlingHigh", severity="critical"]
            receiver: slack
      `),
    },
    {
      name: 'a configured label and value',
      code: config(yaml`
        receiver: slack
        routes:
          - matchers: [priority="P1"]
            receiver: pager-and-mail
      `),
      options: [{ label: 'priority', values: ['P1'] }],
    },
  ],
  invalid: [
    {
      name: 'the critical route reaches only PagerDuty',
      code: config(yaml`
        receiver: slack
        routes:
          - matchers: [severity="critical"]
            receiver: pagerduty
      `),
      errors: [{ messageId: 'oneChannel', line: 5, column: 17, data: { channels: 'PagerDuty', receivers: '"pagerduty"' } }],
    },
    {
      name: 'two Slack rooms are one channel',
      code: config(yaml`
        receiver: slack
        routes:
          - match_re: { severity: critical|page }
            receiver: slack-two-rooms
      `),
      errors: [{ messageId: 'oneChannel', line: 5, data: { channels: 'Slack' } }],
    },
    {
      name: 'no route selects critical alerts: the default route reaches only Slack',
      code: config(yaml`
        receiver: slack
        routes:
          - matchers: [team="db"]
            receiver: pager-and-mail
      `),
      errors: [{ messageId: 'oneChannelDefault', line: 2, column: 13, data: { channels: 'Slack', label: 'severity', value: 'critical' } }],
    },
    {
      name: 'a team route under the critical route',
      code: config(yaml`
        receiver: slack
        routes:
          - matchers: [severity="critical"]
            receiver: pager-and-mail
            routes:
              - matchers: [team="db"]
                receiver: opsgenie-hook
      `),
      errors: [{ messageId: 'oneChannel', line: 8, data: { channels: 'Opsgenie', receivers: '"opsgenie-hook"' } }],
    },
    {
      name: 'a route that inherits its receiver lands on the route',
      code: config(yaml`
        receiver: pagerduty
        routes:
          - matchers: [severity="page"]
            group_wait: 10s
      `),
      errors: [{ messageId: 'oneChannel', line: 4, column: 7 }],
    },
    {
      name: 'an operator AlertmanagerConfig used as the global configuration',
      filename: 'alertmanager-config.yaml',
      code: yaml`
        apiVersion: monitoring.coreos.com/v1alpha1
        kind: AlertmanagerConfig
        metadata: { name: global, namespace: monitoring }
        spec:
          route:
            receiver: pager
            routes:
              - matchers: [{ name: severity, value: critical, matchType: "=" }]
                receiver: pager
          receivers:
            - name: pager
              opsgenieConfigs: [{ apiKey: { name: og, key: key } }]
      `,
      files: {
        'alertmanager.yaml': yaml`
          apiVersion: monitoring.coreos.com/v1
          kind: Alertmanager
          metadata: { name: main, namespace: monitoring }
          spec:
            replicas: 3
            alertmanagerConfiguration: { name: global }
        `,
      },
      errors: [{ messageId: 'oneChannel', line: 9, data: { channels: 'Opsgenie' } }],
    },
    {
      name: 'an AlertmanagerConfig a Flux HelmRelease of kube-prometheus-stack names as the global configuration',
      filename: 'alertmanager/alertmanagerconfig.yaml',
      code: yaml`
        apiVersion: monitoring.coreos.com/v1alpha1
        kind: AlertmanagerConfig
        metadata: { name: alertmanager, namespace: observability }
        spec:
          route:
            receiver: pushover
          receivers:
            - name: pushover
              pushoverConfigs: [{ userKey: { name: am, key: user }, token: { name: am, key: token } }]
      `,
      files: {
        'kube-prometheus-stack/helmrelease.yaml': yaml`
          apiVersion: helm.toolkit.fluxcd.io/v2
          kind: HelmRelease
          metadata: { name: kube-prometheus-stack, namespace: flux-system }
          spec:
            targetNamespace: observability
            chart: { spec: { chart: kube-prometheus-stack } }
            values:
              alertmanager:
                alertmanagerSpec:
                  alertmanagerConfiguration: { name: alertmanager }
        `,
      },
      errors: [{ messageId: 'oneChannelDefault', line: 6, data: { channels: 'Pushover' } }],
    },
    {
      name: 'a Slack-compatible webhook is judged by its host',
      code: yaml`
        route:
          receiver: chat
        receivers:
          - name: chat
            slack_configs:
              - api_url: https://hooks.slack.com/services/T/B/x
              - api_url: https://discord.com/api/webhooks/1/x/slack
      `,
      errors: [{ messageId: 'oneChannelDefault', line: 2, data: { channels: 'Slack and Discord' } }],
      options: [{ min: 3 }],
    },
    {
      name: 'a base64 Secret: the finding lands on the value and says where',
      filename: 'secret.yaml',
      code: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: alertmanager-main\ndata:\n  alertmanager.yaml: ${Buffer.from('route:\n  receiver: pd\nreceivers:\n  - name: pd\n    pagerduty_configs: [{ service_key: x }]\n').toString('base64')}\n`,
      errors: [{ messageId: 'oneChannelDefault', line: 6, column: 22, data: { embedded: ' (in the base64-encoded "alertmanager.yaml" of Secret "alertmanager-main")' } }],
    },
  ],
});
