import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './single-alertmanager.js';

const prometheusResource = yaml`
  apiVersion: monitoring.coreos.com/v1
  kind: Prometheus
  metadata: { name: k8s, namespace: monitoring }
  spec:
    replicas: 2
    alerting:
      alertmanagers:
        - { namespace: monitoring, name: alertmanager-main, port: web }
`;
const alertmanagerResource = (spec: string) => yaml`
  apiVersion: monitoring.coreos.com/v1
  kind: Alertmanager
  metadata: { name: main, namespace: monitoring }
  spec:
    ${spec}
`;

ruleTester().run(rule, {
  valid: [
    {
      name: 'one target that is a Kubernetes Service name stands for the pods it selects',
      filename: 'prometheus.yml',
      code: "alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['alertmanager.monitoring.svc.cluster.local:9093']\n",
    },
    {
      name: 'the operator headless Service of every Alertmanager replica',
      filename: 'prometheus.yml',
      code: "alerting:\n  alertmanagers:\n    - scheme: http\n      static_configs:\n        - targets: ['alertmanager-operated.monitoring:9093']\n",
    },
    {
      name: 'two static targets',
      filename: 'prometheus.yml',
      code: "alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['am-0:9093', 'am-1:9093']\n",
    },
    {
      name: 'targets from service discovery',
      filename: 'prometheus.yml',
      code: 'alerting:\n  alertmanagers:\n    - kubernetes_sd_configs: [{ role: pod }]\n      relabel_configs: []\n',
    },
    {
      name: 'a templated target',
      filename: 'prometheus.yml',
      code: "alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['${ALERTMANAGER}']\n",
    },
    {
      name: 'the Alertmanager resource runs three replicas',
      filename: 'prometheus.yaml',
      code: prometheusResource,
      files: { 'alertmanager.yaml': alertmanagerResource('replicas: 3') },
    },
    { name: 'the Alertmanager resource is not part of the run', filename: 'prometheus-k8s.yaml', code: prometheusResource },
    {
      name: 'more targets come from a Secret',
      filename: 'prometheus-k8s.yaml',
      code: `${prometheusResource}  additionalAlertManagerConfigs: { name: extra, key: am.yaml }\n`,
      files: { 'alertmanager.yaml': alertmanagerResource('replicas: 1') },
    },
  ],
  invalid: [
    {
      name: 'one pod of a headless Service is one Alertmanager',
      filename: 'prometheus.yml',
      code: "alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['alertmanager-0.alertmanager.monitoring.svc:9093']\n",
      errors: [{ messageId: 'oneTarget' }],
    },
    {
      name: 'one host that only looks like a Service (no .svc suffix) is still one Alertmanager',
      filename: 'prometheus.yml',
      code: "alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['am.svc-host.example.com:9093']\n",
      errors: [{ messageId: 'oneTarget' }],
    },
    {
      name: 'one static target',
      filename: 'prometheus.yml',
      code: "global:\n  scrape_interval: 30s\nalerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['alertmanager:9093']\nscrape_configs: []\n",
      errors: [{ messageId: 'oneTarget', line: 6, column: 21, data: { target: 'alertmanager:9093' } }],
    },
    {
      name: 'one replica, written',
      filename: 'prometheus-k8s.yaml',
      code: prometheusResource,
      files: { 'alertmanager-main.yaml': alertmanagerResource('replicas: 1') },
      errors: [{ messageId: 'oneReplica', file: 'prometheus-k8s.yaml', line: 8, column: 9, data: { name: 'main', assumed: '' } }],
    },
    {
      name: 'replicas not set: the operator runs one',
      filename: 'prometheus-k8s.yaml',
      code: prometheusResource,
      files: { 'alertmanager-main.yaml': alertmanagerResource('version: 0.27.0') },
      errors: [{ messageId: 'oneReplica', file: 'prometheus-k8s.yaml', line: 8, column: 9 }],
    },
    {
      name: 'a Prometheus configuration in a ConfigMap',
      filename: 'prometheus-config.yaml',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: prometheus }
        data:
          prometheus.yml: |
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: [alertmanager-main-0.alertmanager-operated.monitoring.svc:9093]
      `,
      errors: [{ messageId: 'oneTarget', line: 9, column: 25 }],
    },
  ],
});
