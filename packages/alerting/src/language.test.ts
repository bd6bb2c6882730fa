import { describe, expect, it } from 'vitest';
import { SourceFile } from '@nospof/core';
import { dedent } from '@nospof/core/testing';
import { alertingLanguage } from './language.js';
import type { AlertingFile, AlertmanagerConfig } from './model/types.js';

const parse = (text: string, path = 'alertmanager.yml') => alertingLanguage.parse(new SourceFile(path, text));
const root = (text: string, path?: string): AlertingFile => {
  const parsed = parse(text, path);
  if (!parsed.root) throw new Error(`not read: ${JSON.stringify(parsed)}`);
  return parsed.root;
};
const only = (file: AlertingFile): AlertmanagerConfig => {
  expect(file.configs).toHaveLength(1);
  return file.configs[0]!;
};
const at = (r: { start: { line: number; column: number } }) => `${r.start.line}:${r.start.column}`;

const plain = dedent`
  global:
    resolve_timeout: 5m
    slack_api_url: https://hooks.slack.com/services/T000/B000/XXXX
  route:
    receiver: team-slack
    group_by: [alertname]
    routes:
      - matchers: ['severity="critical"', 'team=~"db|web"']
        receiver: pager
        continue: true
      - match: { alertname: Watchdog }
        match_re: { env: prod|staging }
        receiver: deadmansswitch
  receivers:
    - name: team-slack
      slack_configs:
        - channel: '#alerts'
    - name: pager
      pagerduty_configs:
        - routing_key_file: /etc/alertmanager/pd
      webhook_configs:
        - url: https://api.opsgenie.com/v1/json/prometheus?apiKey=x
        - url_file: /etc/alertmanager/hook
    - name: deadmansswitch
      webhook_configs:
        - url: '{{ .Values.dms }}'
`;

describe('alerting language: which files it reads', () => {
  it('matches YAML outside .github and leaves other files alone cheaply', () => {
    expect(alertingLanguage.matches('alertmanager.yml', '')).toBe(true);
    expect(alertingLanguage.matches('k8s/monitoring/secret.yaml', '')).toBe(true);
    expect(alertingLanguage.matches('.github/workflows/ci.yml', '')).toBe(false);
    expect(alertingLanguage.matches('main.tf', '')).toBe(false);
    expect(parse('apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n', 'deploy.yaml')).toEqual({ errors: [], comments: [], notApplicable: true });
    expect(parse('route: {}\nfoo: bar\n', 'values.yaml').notApplicable).toBe(true);
  });

  it('reports its own syntax errors for a file named alertmanager.yml', () => {
    const parsed = parse('route:\n  receiver: [x\n');
    expect(parsed.errors.length).toBeGreaterThan(0);
  });
});

describe('alerting language: Alertmanager configuration files', () => {
  it('reads routes, matchers of every kind, continue and receivers with positions', () => {
    const config = only(root(plain));
    expect(config.source).toBe('file');
    const route = config.route!;
    expect(route.receiver?.name).toMatchObject({ known: true, value: 'team-slack' });
    expect(at(route.receiver!.range)).toBe('5:13');
    const [critical, watchdog] = route.routes;
    expect(critical?.matchers.map((m) => (m.op === 'opaque' ? 'opaque' : `${m.label}${m.op}${m.value}`))).toEqual(['severity=critical', 'team=~db|web']);
    expect(critical?.continue).toMatchObject({ known: true, value: true });
    expect(watchdog?.matchers.map((m) => (m.op === 'opaque' ? 'opaque' : `${m.label}${m.op}${m.value}`))).toEqual(['alertname=Watchdog', 'env=~prod|staging']);
    expect(watchdog?.continue).toMatchObject({ known: true, value: false });
    expect(config.receivers.map((r) => `${r.name.known ? r.name.value : '?'}:${r.integrations.map((i) => i.key).join(',')}`)).toEqual([
      'team-slack:slack_configs',
      'pager:pagerduty_configs,webhook_configs,webhook_configs',
      'deadmansswitch:webhook_configs',
    ]);
    const pager = config.receivers[1]!;
    expect(pager.integrations[1]?.url).toMatchObject({ known: true, value: 'https://api.opsgenie.com/v1/json/prometheus?apiKey=x' });
    expect(pager.integrations[2]?.url?.known).toBe(false);
    expect(config.receivers[2]?.integrations[0]?.url?.known).toBe(false);
    expect(config.globalUrls.slack_api_url).toMatchObject({ known: true, value: 'https://hooks.slack.com/services/T000/B000/XXXX' });
    expect(at(pager.nameRange)).toBe('18:11');
  });

  it('reads the configuration from Helm values', () => {
    const values = 'alertmanager:\n  config:\n    route:\n      receiver: x\n    receivers:\n      - name: x\n';
    expect(only(root(values, 'values.yaml')).route?.receiver?.range.start.line).toBe(4);
  });

  it('reads the Helm values a Flux HelmRelease or an Argo CD Application renders a chart with', () => {
    const release = dedent`
      apiVersion: helm.toolkit.fluxcd.io/v2
      kind: HelmRelease
      metadata:
        name: kube-prometheus-stack
        namespace: observability
      spec:
        chart:
          spec:
            chart: kube-prometheus-stack
        values:
          alertmanager:
            config:
              route:
                receiver: pushover
              receivers:
                - name: pushover
    `;
    expect(only(root(release, 'kubernetes/apps/observability/helmrelease.yaml'))).toMatchObject({
      source: 'file',
      resource: 'HelmRelease/observability/kube-prometheus-stack',
      route: { receiver: { name: { value: 'pushover' } } },
    });
    const application = dedent`
      apiVersion: argoproj.io/v1alpha1
      kind: Application
      metadata:
        name: monitoring
      spec:
        sources:
          - repoURL: https://prometheus-community.github.io/helm-charts
            chart: kube-prometheus-stack
            helm:
              valuesObject:
                alertmanager:
                  config:
                    route:
                      receiver: slack
                    receivers:
                      - name: slack
    `;
    expect(only(root(application, 'apps/monitoring.yaml')).route?.receiver?.range.start.line).toBe(14);
    // Another kind that happens to hold `values` is not a chart's values.
    expect(parse(release.replace('helm.toolkit.fluxcd.io/v2', 'example.com/v1'), 'x.yaml').root?.configs ?? []).toEqual([]);
  });

  it('leaves alone the configuration of an Alertmanager the chart does not deploy or takes from a Secret', () => {
    const disabled = dedent`
      alertmanager:
        enabled: false
        config:
          route:
            receiver: x
          receivers:
            - name: x
      alertmanagerFiles:
        alertmanager.yml:
          route:
            receiver: default-receiver
          receivers:
            - name: default-receiver
    `;
    expect(parse(disabled, 'values.yaml').root?.configs ?? []).toEqual([]);
    const existingSecret = dedent`
      alertmanager:
        alertmanagerSpec:
          useExistingSecret: true
        config:
          route:
            receiver: x
          receivers:
            - name: x
    `;
    expect(parse(existingSecret, 'values.yaml').root?.configs ?? []).toEqual([]);
    // Only a YAML boolean decides: Helm takes the string "false" as true, and an unknown value as unknown.
    expect(root(disabled.replace('enabled: false', 'enabled: "false"'), 'values.yaml').configs).toHaveLength(2);
    expect(root(disabled.replace('enabled: false', 'enabled: true'), 'values.yaml').configs).toHaveLength(2);
    const release = dedent`
      apiVersion: helm.toolkit.fluxcd.io/v2
      kind: HelmRelease
      metadata:
        name: kube-prometheus-stack
      spec:
        values:
          alertmanager:
            enabled: false
            config:
              route:
                receiver: slack
              receivers:
                - name: slack
    `;
    expect(parse(release, 'helmrelease.yaml').root?.configs ?? []).toEqual([]);
  });

  it('keeps its comments: a plain file has no other reader', () => {
    expect(parse('route:\n  # nospof-ignore alerting/x -- y\n  receiver: a\nreceivers: [{ name: a }]\n').comments.map((c) => c.range.start.line)).toEqual([2]);
  });
});

describe('alerting language: configuration embedded in Kubernetes objects', () => {
  const secret = dedent`
    apiVersion: v1
    kind: Secret
    metadata:
      name: alertmanager-main
      namespace: monitoring
    type: Opaque
    stringData:
      alertmanager.yaml: |-
        route:
          receiver: Default
          routes:
            # nospof-ignore alerting/empty-receiver -- staged
            - matchers: [severity = critical]
              receiver: Critical
        receivers:
          - name: Default
          - name: Critical
  `;

  it('maps positions inside a stringData block to the manifest', () => {
    const parsed = parse(secret, 'manifests/alertmanager-secret.yaml');
    const config = only(parsed.root!);
    expect(config).toMatchObject({ source: 'secret', name: 'alertmanager-main', namespace: 'monitoring', resource: 'Secret/monitoring/alertmanager-main' });
    expect(config.embedded).toMatchObject({ owner: 'Secret "alertmanager-main"', key: 'alertmanager.yaml', encoding: 'text', exact: true });
    expect(at(config.route!.receiver!.range)).toBe('10:17');
    expect(at(config.route!.routes[0]!.receiver!.range)).toBe('14:21');
    expect(at(config.receivers[1]!.nameRange)).toBe('17:15');
    expect(parsed.comments.map((c) => `${at(c.range)} ${c.text}`)).toEqual(['12:9  nospof-ignore alerting/empty-receiver -- staged']);
  });

  it('maps a base64 data value to the value and says it is encoded', () => {
    const text = 'route:\n  receiver: x\nreceivers:\n  - name: x\n# nospof-ignore alerting/empty-receiver\n';
    const manifest = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: alertmanager-main\ndata:\n  alertmanager.yaml: ${Buffer.from(text).toString('base64')}\n`;
    const parsed = parse(manifest, 'secret.yaml');
    const config = only(parsed.root!);
    expect(config.embedded).toMatchObject({ encoding: 'base64', exact: false });
    expect(at(config.route!.receiver!.range)).toBe('6:22');
    expect(at(config.receivers[0]!.nameRange)).toBe('6:22');
    expect(parsed.comments.map((c) => at(c.range))).toEqual(['6:22']);
  });

  it('reports a syntax error of the embedded text where it is, and leaves the manifest to its reader', () => {
    const broken = 'apiVersion: v1\nkind: Secret\nmetadata: { name: am }\nstringData:\n  alertmanager.yaml: |\n    route:\n      receiver: [x\n';
    const parsed = parse(broken, 'secret.yaml');
    expect(parsed.errors.map((e) => e.message).join('\n')).toContain('(in the "alertmanager.yaml" of Secret "am")');
    expect(parsed.errors[0]!.range.start.line).toBeGreaterThanOrEqual(6);
    expect(parse('apiVersion: v1\nkind: Secret\nmetadata: { name: x }\nstringData:\n  other: |\n    receivers: [\n', 'secret.yaml').notApplicable).toBe(true);
  });

  it('reads ConfigMap keys, including a Prometheus configuration', () => {
    const manifest = dedent`
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: prometheus-server }
      data:
        prometheus.yml: |
          alerting:
            alertmanagers:
              - static_configs:
                  - targets: ['alertmanager:9093']
          scrape_configs: []
    `;
    const file = root(manifest, 'cm.yaml');
    expect(file.prometheuses).toHaveLength(1);
    const targets = file.prometheuses[0]!.staticTargets!;
    expect(targets.known && targets.value.map((t) => `${t.value}@${at(t.range)}`)).toEqual(['alertmanager:9093@9:25']);
  });

  it('reads the operator custom resources', () => {
    const file = root(
      dedent`
        apiVersion: monitoring.coreos.com/v1alpha1
        kind: AlertmanagerConfig
        metadata: { name: team-db, namespace: db }
        spec:
          route:
            receiver: db-pager
            matchers:
              - { name: severity, value: critical, matchType: "=" }
              - { name: team, value: "db|dba", regex: true }
          receivers:
            - name: db-pager
              pagerdutyConfigs:
                - routingKey: { name: pd, key: key }
              webhookConfigs:
                - urlSecret: { name: hook, key: url }
        ---
        apiVersion: monitoring.coreos.com/v1
        kind: Alertmanager
        metadata: { name: main, namespace: monitoring }
        spec:
          alertmanagerConfiguration: { name: global-config }
        ---
        apiVersion: monitoring.coreos.com/v1
        kind: Prometheus
        metadata: { name: k8s, namespace: monitoring }
        spec:
          replicas: 2
          alerting:
            alertmanagers:
              - { namespace: monitoring, name: alertmanager-main, port: web }
      `,
      'monitoring.yaml',
    );
    const config = only(file);
    expect(config.source).toBe('custom-resource');
    expect(config.route?.matchers.map((m) => (m.op === 'opaque' ? 'opaque' : `${m.label}${m.op}${m.value}`))).toEqual(['severity=critical', 'team=~db|dba']);
    expect(config.receivers[0]?.integrations.map((i) => `${i.key}:${i.url?.known ?? '-'}`)).toEqual(['pagerduty_configs:-', 'webhook_configs:false']);
    expect(file.alertmanagers[0]).toMatchObject({ name: 'main', replicas: { known: true, value: 1 }, configurationName: 'global-config' });
    expect(file.alertmanagers[0]!.replicasAnchor.start.line).toBe(20);
    expect(file.prometheuses[0]?.endpoints).toMatchObject([{ name: 'alertmanager-main', namespace: 'monitoring' }]);
  });

  it('never throws and stays linear on hostile input', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 20 }, (_, i) => `l${i + 1}: &l${i + 1} [*${i === 0 ? 'a' : `l${i}`}, *${i === 0 ? 'a' : `l${i}`}, *${i === 0 ? 'a' : `l${i}`}]`).join('\n')}\nroute: { receiver: x, routes: [*l20] }\nreceivers: *l20\n`;
    const deep = `route:\n  receiver: x\n  routes:\n${Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i + 2)}- routes:`).join('\n')}\nreceivers: []\n`;
    for (const text of [bomb, deep, `receivers: [${'{name: x}, '.repeat(5_000)}]\nroute: {receiver: x}\n`]) {
      const started = performance.now();
      expect(() => parse(text)).not.toThrow();
      expect(performance.now() - started).toBeLessThan(10_000);
    }
  });
});
