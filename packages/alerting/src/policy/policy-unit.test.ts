import { SourceFile, toPolicyInput, type ParsedFile, type PolicyUnit } from '@nospof/core';
import { fuzzRuns } from '@nospof/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertingLanguage } from '../language.js';
import type { AlertingFile } from '../model/types.js';
import { AlertingIndex } from '../project-index.js';

function policyUnit(files: Record<string, string>): PolicyUnit {
  const parsed: ParsedFile<AlertingFile>[] = Object.entries(files).map(([path, text]) => {
    const source = new SourceFile(path, text);
    return { ...alertingLanguage.parse(source), source, language: 'alerting' };
  });
  if (!alertingLanguage.policyUnit) throw new Error('alerting builds policy units');
  return alertingLanguage.policyUnit({ id: '.', files: Object.keys(files) }, parsed, new AlertingIndex(parsed), {});
}

const alertmanager = `global:
  resolve_timeout: 5m
  slack_api_url: \${SLACK_URL}
route:
  receiver: team-slack
  group_by: [alertname, cluster]
  group_wait: 30s
  routes:
    - matchers: ['severity="critical"']
      receiver: pager
      repeat_interval: 1h
      routes:
        - matchers: ['team="db"']
          group_wait: 10s
    - match: { alertname: Watchdog }
      receiver: deadmansswitch
receivers:
  - name: team-slack
    slack_configs:
      - channel: '#alerts'
        text: '{{ .CommonAnnotations.summary }}'
  - name: pager
    pagerduty_configs:
      - routing_key_file: /etc/alertmanager/pd
  - name: deadmansswitch
    webhook_configs:
      - url: https://example.com/ping
`;

const secret = `apiVersion: v1
kind: Secret
metadata:
  name: alertmanager-main
  namespace: monitoring
stringData:
  alertmanager.yaml: |
    route:
      receiver: ops
    receivers:
      - name: ops
        email_configs:
          - to: ops@example.com
`;

describe('alerting policy unit', () => {
  const unit = policyUnit({ 'alertmanager.yml': alertmanager, 'k8s/secret.yaml': secret });
  const resource = (id: string) => {
    const found = unit.resources.find((r) => r.id === id);
    if (!found) throw new Error(`no resource ${id} in ${unit.resources.map((r) => r.id).join(', ')}`);
    return found;
  };

  it('has a resource per configuration, route and receiver', () => {
    expect(unit.resources.map((r) => [r.id, r.type, r.name])).toEqual([
      ['alertmanager.yml', 'alertmanager-config', 'alertmanager.yml'],
      ['alertmanager.yml#route', 'route', 'route'],
      ['alertmanager.yml#route.routes[0]', 'route', 'route.routes[0]'],
      ['alertmanager.yml#route.routes[0].routes[0]', 'route', 'route.routes[0].routes[0]'],
      ['alertmanager.yml#route.routes[1]', 'route', 'route.routes[1]'],
      ['alertmanager.yml#receiver.team-slack', 'receiver', 'team-slack'],
      ['alertmanager.yml#receiver.pager', 'receiver', 'pager'],
      ['alertmanager.yml#receiver.deadmansswitch', 'receiver', 'deadmansswitch'],
      ['Secret/monitoring/alertmanager-main', 'alertmanager-config', 'alertmanager-main'],
      ['Secret/monitoring/alertmanager-main#route', 'route', 'route'],
      ['Secret/monitoring/alertmanager-main#receiver.ops', 'receiver', 'ops'],
    ]);
    expect(resource('Secret/monitoring/alertmanager-main').namespace).toBe('monitoring');
  });

  it('resolves what a nested route inherits from the routes above it', () => {
    expect(resource('alertmanager.yml#route.routes[0].routes[0]').attributes).toEqual({
      matchers: ['team="db"'],
      group_wait: '10s',
      receiver: 'pager',
      group_by: ['alertname', 'cluster'],
      repeat_interval: '1h',
    });
    expect(resource('alertmanager.yml#route').attributes).toMatchObject({ routes: ['alertmanager.yml#route.routes[0]', 'alertmanager.yml#route.routes[1]'] });
    expect(resource('alertmanager.yml#route.routes[1]').attributes).toMatchObject({ match: { alertname: 'Watchdog' }, receiver: 'deadmansswitch', group_wait: '30s' });
  });

  it('keeps notification templates, and marks values filled in by envsubst or Helm Unknown', () => {
    expect(resource('alertmanager.yml').attributes).toEqual({
      source: 'file',
      global: { resolve_timeout: '5m', slack_api_url: { $unknown: '"${SLACK_URL}" is filled in by a template' } },
      receivers: ['team-slack', 'pager', 'deadmansswitch'],
    });
    expect(resource('alertmanager.yml#receiver.team-slack').attributes).toEqual({ name: 'team-slack', slack_configs: [{ channel: '#alerts', text: '{{ .CommonAnnotations.summary }}' }] });
  });

  it('locates values exactly, inherited ones at the ancestor with the route as trail, embedded ones in the manifest', () => {
    const nested = resource('alertmanager.yml#route.routes[0].routes[0]');
    expect(nested.locate(['group_wait'])?.range.start).toMatchObject({ line: 14, column: 23 });
    const receiver = nested.locate(['receiver']);
    expect(receiver?.range.start).toMatchObject({ line: 10, column: 17 });
    expect(receiver?.trail?.[0]).toMatchObject({ range: { start: { line: 13, column: 11 } }, message: 'route.routes[0].routes[0] inherits receiver from route.routes[0]' });
    expect(nested.locate(['group_by', 1])?.range.start).toMatchObject({ line: 6, column: 25 });
    expect(resource('alertmanager.yml#receiver.deadmansswitch').locate(['webhook_configs', 0, 'url'])?.range.start).toMatchObject({ line: 27, column: 14 });
    expect(resource('Secret/monitoring/alertmanager-main#receiver.ops').locate(['email_configs', 0, 'to'])).toMatchObject({ file: 'k8s/secret.yaml', range: { start: { line: 13, column: 17 } } });
    expect(nested.locate(['continue'])).toBeUndefined();
  });

  it('reads an operator-managed Alertmanager and Prometheus alerting', () => {
    const u = policyUnit({
      'am.yaml': 'apiVersion: monitoring.coreos.com/v1\nkind: Alertmanager\nmetadata: { name: main, namespace: monitoring }\nspec:\n  replicas: 1\n',
      'prometheus.yml': 'alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [am:9093]\nscrape_configs: []\n',
    });
    expect(u.resources.map((r) => [r.id, r.type])).toEqual([
      ['Alertmanager/monitoring/main', 'Alertmanager'],
      ['prometheus.yml', 'prometheus-alerting'],
    ]);
    expect(u.resources[0]?.attributes).toEqual({ spec: { replicas: 1 } });
    expect(u.resources[0]?.locate(['spec', 'replicas'])?.range.start).toMatchObject({ line: 5, column: 13 });
    expect(u.resources[1]?.attributes).toEqual({ source: 'file', alertmanagers: [{ static_configs: [{ targets: ['am:9093'] }] }] });
  });

  it('never throws and stays JSON on random input', () => {
    const keys = fc.constantFrom('route', 'routes', 'receiver', 'receivers', 'name', 'group_by', 'matchers', 'continue', 'webhook_configs', 'url', 'alerting', 'alertmanagers');
    const values = fc.constantFrom('x', '${X}', '{{ y }}', '[a, b]', '', '&a z', '*a', '{', '"');
    const line = fc.tuple(fc.integer({ min: 0, max: 5 }), keys, fc.boolean(), values).map(([indent, key, dash, value]) => `${'  '.repeat(indent)}${dash ? '- ' : ''}${key}: ${value}`);
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), (lines) => {
        const u = policyUnit({ 'alertmanager.yml': lines.join('\n') });
        const input = toPolicyInput(u);
        expect(JSON.parse(JSON.stringify(input))).toEqual(input);
        for (const r of u.resources) r.locate(['receiver']);
      }),
      { numRuns: fuzzRuns(200) },
    );
  });
});
