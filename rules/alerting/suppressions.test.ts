import { describe, expect, it } from 'vitest';
import { Config, engineRules, Linter } from '@nospof/core';
import { yaml } from '@nospof/core/testing';
import { builtinTesterLanguages } from '../test-support/rule-tester.js';
import { alertingRules } from './index.js';

/**
 * Suppressions of findings in embedded configurations, with every language reading the file as in a
 * real run and unused suppressions reported: a comment the Kubernetes reader and the alerting reader
 * both return is one directive.
 */
function lint(path: string, text: string): string[] {
  const rules = [...engineRules, ...alertingRules];
  const linter = new Linter(
    builtinTesterLanguages.map((l) => l.language),
    alertingRules,
  );
  const config = Config.build({ extends: [], rules: { 'alerting/empty-receiver': 'error', 'alerting/route-channel-redundancy': 'error' } }, undefined, '', rules, () => {
    throw new Error('no files');
  });
  return linter
    .lint({ files: [{ path, text }], configFor: (p) => config.resolve(p) })
    .results.flatMap((r) => r.findings.map((f) => `${f.range.start.line} ${f.ruleId}${f.suppressed ? ` suppressed: ${f.suppressed.reason}` : ''}`));
}

const secret = (config: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: alertmanager-main\nstringData:\n  alertmanager.yaml: |\n${config.replace(/^(?=.)/gm, '    ')}`;

describe('suppressing findings in an Alertmanager configuration embedded in a Secret', () => {
  it('a comment inside the embedded text covers the receiver below it', () => {
    const text = secret(yaml`
      route:
        receiver: pager
      receivers:
        # nospof-ignore alerting/empty-receiver -- the platform team adds the key at deploy time
        - name: pager
    `);
    expect(lint('secret.yaml', text)).toEqual(['11 alerting/empty-receiver suppressed: the platform team adds the key at deploy time']);
  });

  it('an unused comment inside the embedded text is reported once', () => {
    const text = secret(yaml`
      route:
        receiver: pager
      receivers:
        # nospof-ignore alerting/empty-receiver -- not needed
        - name: pager
          email_configs: [{ to: a@example.com }]
    `);
    expect(lint('secret.yaml', text)).toEqual(['8 alerting/route-channel-redundancy', '10 nospof/unused-suppression']);
  });

  it('a comment in the manifest above a base64 value covers the findings on it', () => {
    const encoded = Buffer.from('route:\n  receiver: pager\nreceivers:\n  - name: pager\n').toString('base64');
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: am\ndata:\n  # nospof-ignore alerting/empty-receiver -- filled in by the operator\n  alertmanager.yaml: ${encoded}\n`;
    expect(lint('secret.yaml', text)).toEqual(['7 alerting/empty-receiver suppressed: filled in by the operator']);
  });

  it('a comment inside the base64 text covers the findings of its configuration', () => {
    const encoded = Buffer.from('route:\n  receiver: pager\nreceivers:\n  # nospof-ignore alerting/empty-receiver -- kept empty in staging\n  - name: pager\n').toString('base64');
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: am\ndata:\n  alertmanager.yaml: ${encoded}\n`;
    expect(lint('secret.yaml', text)).toEqual(['6 alerting/empty-receiver suppressed: kept empty in staging']);
  });

  it('the nospof.dev/ignore annotation of the Secret covers its embedded configuration', () => {
    const text = secret('route:\n  receiver: pager\nreceivers:\n  - name: pager\n').replace('  name: alertmanager-main\n', '  name: alertmanager-main\n  annotations:\n    nospof.dev/ignore: "alerting/empty-receiver: staging cluster"\n');
    expect(lint('secret.yaml', text)).toEqual(['12 alerting/empty-receiver suppressed: staging cluster']);
  });

  it('a comment in a plain alertmanager.yml covers its line or block, and is reported when unused', () => {
    const text = 'route:\n  # nospof-ignore alerting/empty-receiver -- lab\n  receiver: pager\nreceivers:\n  - name: pager\n';
    expect(lint('alertmanager.yml', text)).toEqual(['2 nospof/unused-suppression', '5 alerting/empty-receiver']);
    expect(lint('alertmanager.yml', text.replace('route:\n  # nospof-ignore alerting/empty-receiver -- lab\n', 'route:\n').replace('receivers:\n', 'receivers:\n  # nospof-ignore alerting/empty-receiver -- lab\n'))).toEqual([
      '5 alerting/empty-receiver suppressed: lab',
    ]);
  });
});
