import { describe, expect, it } from 'vitest';
import { Linter, type ResolvedConfig } from '@nospof/core';
import { haproxyLanguage } from '@nospof/haproxy';
import { haproxyRules } from './index.js';

describe('every haproxy rule on hostile input', () => {
  it('never fails on binary text, huge sections, cycles of defaults and lone keywords', () => {
    const config: ResolvedConfig = {
      rules: new Map(haproxyRules.map((r) => [r.meta.id, { severity: r.meta.severity, options: r.meta.defaultOptions as readonly unknown[] }])),
      disabled: new Set(),
      settings: {},
    };
    const files = {
      'binary/haproxy.cfg': '\u0000\u0001\u0002backend\u0000x\n  server \u0007 \u0008\n',
      'huge/haproxy.cfg': `backend big\n${Array.from({ length: 20_000 }, (_, i) => `  server s${i} 10.0.${i % 250}.${i % 250}:80`).join('\n')}\n`,
      'cycle/haproxy.cfg': 'defaults a from b\ndefaults b from a\nbackend x from a\n  server s 1.2.3.4:80\n',
      'lone/haproxy.cfg': 'backend\nserver\nserver-template\nserver-template x\nserver-template x 5-2 host\ntimeout\ntimeout server\ndefault-server\n',
    };
    const findings = new Linter([haproxyLanguage], haproxyRules)
      .lint({ files: Object.entries(files).map(([path, text]) => ({ path, text })), configFor: () => config })
      .results.flatMap((r) => r.findings);
    expect(findings.filter((f) => f.ruleId === 'nospof/internal-error').map((f) => f.message)).toEqual([]);
    expect(findings.filter((f) => f.file === 'huge/haproxy.cfg' && f.ruleId === 'haproxy/health-check')).toHaveLength(20_000);
  });
});
