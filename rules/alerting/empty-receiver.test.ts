import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './empty-receiver.js';

/** The configuration kube-prometheus ships: every receiver is empty. */
const kubePrometheusDefault = yaml`
  route:
    group_by: ['namespace']
    receiver: Default
    routes:
      - matchers: [alertname = Watchdog]
        receiver: Watchdog
      - matchers: [alertname = InfoInhibitor]
        receiver: 'null'
      - matchers: [severity = critical]
        receiver: Critical
  receivers:
    - name: Default
    - name: Watchdog
    - name: Critical
    - name: 'null'
`;

ruleTester().run(rule, {
  valid: [
    {
      name: 'a null receiver for the Watchdog and silenced alerts',
      code: yaml`
        route:
          receiver: pager
          routes:
            - matchers: [alertname="Watchdog"]
              receiver: 'null'
            - matchers: [alertname=~"InfoInhibitor|KubeCPUOvercommit"]
              receiver: 'null'
        receivers:
          - name: pager
            pagerduty_configs: [{ service_key: x }]
          - name: 'null'
      `,
    },
    {
      name: 'an empty receiver next to one that notifies',
      code: yaml`
        route:
          receiver: pager
          routes:
            - matchers: [severity="critical"]
              receiver: audit
              continue: true
            - matchers: [severity="critical"]
              receiver: pager
        receivers:
          - name: pager
            opsgenie_configs: [{ api_key: x }]
          - name: audit
      `,
    },
    { name: 'a warning route to an empty receiver', code: 'route:\n  receiver: pager\n  routes:\n    - matchers: [severity="warning"]\n      receiver: devnull\nreceivers:\n  - name: pager\n    email_configs: [{ to: a@example.com }]\n  - name: devnull\n' },
    {
      name: 'a named critical alert silenced on purpose',
      code: 'route:\n  receiver: pager\n  routes:\n    - matchers: [alertname="KubeletDown", severity="critical"]\n      receiver: muted\nreceivers:\n  - name: pager\n    pagerduty_configs: [{ service_key: x }]\n  - name: muted\n',
    },
    {
      name: 'the default configuration of a chart whose Alertmanager is disabled is never deployed',
      filename: 'values.yaml',
      code: yaml`
        alertmanager:
          enabled: false
        alertmanagerFiles:
          alertmanager.yml:
            global: {}
            receivers:
              - name: default-receiver
            route:
              receiver: default-receiver
      `,
    },
    { name: 'a receiver named for dropping alerts', code: 'route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n' },
    { name: 'a receiver with a templated list is unknown', code: 'route:\n  receiver: x\nreceivers:\n  - name: x\n    webhook_configs: "{{ .Values.hooks }}"\n' },
    { name: 'a templated receiver name', code: 'route:\n  receiver: x\nreceivers:\n  - name: "{{ .Values.name }}"\n    email_configs: [{ to: a@example.com }]\n' },
  ],
  invalid: [
    {
      name: 'the kube-prometheus default: critical alerts go to an empty receiver',
      code: kubePrometheusDefault,
      errors: [{ messageId: 'empty', line: 14, column: 11, data: { receiver: 'Critical' } }],
    },
    {
      name: 'the kube-prometheus default in a Secret, suppressed inside the embedded text',
      filename: 'alertmanager-secret.yaml',
      code: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: alertmanager-main\nstringData:\n  alertmanager.yaml: |-\n${kubePrometheusDefault
        .replace('  - name: Critical', '  # nospof-ignore alerting/empty-receiver -- filled in by the platform team\n  - name: Critical')
        .replace(/^/gm, '    ')
        .trimEnd()}\n`,
      errors: [{ messageId: 'empty', line: 21, column: 15, suppressed: true }],
    },
    {
      name: 'an undefined receiver on a warning route still breaks the whole configuration',
      code: 'route:\n  receiver: pager\n  routes:\n    - matchers: [severity="warning"]\n      receiver: tickets\nreceivers:\n  - name: pager\n    pagerduty_configs: [{ service_key: x }]\n',
      errors: [{ messageId: 'undefinedReceiver', line: 5, column: 17, data: { receiver: 'tickets' } }],
    },
    {
      name: 'the default route, when no route selects critical alerts',
      code: 'route:\n  receiver: ops\n  routes:\n    - matchers: [team="db"]\n      receiver: db\nreceivers:\n  - name: ops\n  - name: db\n    email_configs: [{ to: db@example.com }]\n',
      errors: [{ messageId: 'empty', line: 7, column: 11, data: { receiver: 'ops' } }],
    },
    {
      name: 'a receiver the configuration does not define',
      code: 'route:\n  receiver: pager\n  routes:\n    - matchers: [severity="critical"]\n      receiver: pagr\nreceivers:\n  - name: pager\n    pagerduty_configs: [{ service_key: x }]\n',
      errors: [{ messageId: 'undefinedReceiver', line: 5, column: 17, data: { receiver: 'pagr' } }],
    },
    {
      name: 'a namespace AlertmanagerConfig resource whose critical route notifies no one',
      filename: 'team.yaml',
      code: yaml`
        apiVersion: monitoring.coreos.com/v1alpha1
        kind: AlertmanagerConfig
        metadata: { name: team, namespace: team }
        spec:
          route:
            receiver: team-null
            matchers: [{ name: severity, value: critical }]
          receivers:
            - name: team-null
      `,
      errors: [{ messageId: 'empty', line: 9, column: 13 }],
    },
  ],
});
