import { describe, expect, it } from 'vitest';
import { Linter, type ResolvedConfig } from '@nospof/core';
import { builtinTesterLanguages } from '../test-support/rule-tester.js';
import { alertingRules } from './index.js';

function lintAll(files: Record<string, string>) {
  const config: ResolvedConfig = {
    rules: new Map(alertingRules.map((r) => [r.meta.id, { severity: r.meta.severity, options: r.meta.defaultOptions as readonly unknown[] }])),
    disabled: new Set(),
    settings: {},
  };
  return new Linter(
    builtinTesterLanguages.map((l) => l.language),
    alertingRules,
  )
    .lint({ files: Object.entries(files).map(([path, text]) => ({ path, text })), configFor: () => config })
    .results.flatMap((r) => r.findings);
}

describe('every alerting rule on hostile input', () => {
  it('never fails: wrong types, cycles of aliases, deep and wide trees, broken embedded text', () => {
    const wide = `route:\n  receiver: a\n  routes:\n${Array.from({ length: 3000 }, (_, i) => `    - matchers: [severity="critical", n="${i}"]\n      receiver: a\n      continue: true`).join('\n')}\nreceivers:\n  - name: a\n    slack_configs: [{}]\n`;
    const deep = `route:\n  receiver: a\n  routes:\n${Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i + 2)}- matchers: [severity="critical"]\n${'  '.repeat(i + 3)}routes:`).join('\n')}\nreceivers: [{ name: a }]\n`;
    const findings = lintAll({
      'types/alertmanager.yml': 'route: [1, 2]\nreceivers: "nope"\n',
      'types2/alertmanager.yml': 'route:\n  receiver: { a: 1 }\n  routes: 7\n  matchers: 5\n  match: [x]\n  continue: maybe\nreceivers:\n  - 12\n  - name: [x]\n    pagerduty_configs: { a: b }\n',
      'aliases/alertmanager.yml': 'route: &r\n  receiver: a\n  routes: [*r, *r]\nreceivers: [{ name: a }]\n',
      'wide/alertmanager.yml': wide,
      'deep/alertmanager.yml': deep,
      'secret/s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: { name: x }\nstringData:\n  alertmanager.yaml: |\n    route: {receiver: [\n',
      'b64/s.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: { name: x }\ndata:\n  alertmanager.yaml: "%%%not base64"\n  other.yaml: //79/w==\n',
      'prom/prometheus.yml': 'alerting:\n  alertmanagers: { a: 1 }\n',
      'cr/cr.yaml': 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: {}\nspec:\n  alerting: { alertmanagers: [1, { name: 2 }] }\n---\napiVersion: monitoring.coreos.com/v1\nkind: Alertmanager\nmetadata: { name: [x] }\nspec: { replicas: many }\n',
    });
    expect(findings.filter((f) => f.ruleId === 'nospof/internal-error').map((f) => f.message)).toEqual([]);
    expect(findings.some((f) => f.ruleId === 'parse-error' && f.file === 'secret/s.yaml')).toBe(true);
  });
});
