import { describe, expect, it } from 'vitest';
import { Linter, SourceFile, type ResolvedConfig } from '@nospof/core';
import { haproxyLanguage } from './language.js';

describe('haproxy language: which files it reads', () => {
  it('claims files by name', () => {
    for (const path of ['haproxy.cfg', 'lb/haproxy.cfg', 'edge.haproxy.cfg', 'roles/lb/files/haproxy/jenkins.cfg', 'haproxy/conf.d/10-api.cfg']) {
      expect(haproxyLanguage.matches(path, ''), path).toBe(true);
    }
    for (const path of ['setup.cfg', 'haproxy.cfg.j2', 'templates/haproxy.cfg.tmpl', 'tox.ini', 'nginx/site.conf']) {
      expect(haproxyLanguage.matches(path, ''), path).toBe(false);
    }
  });

  it('claims .cfg and .conf files whose head reads as HAProxy', () => {
    expect(haproxyLanguage.matches('lb.cfg', '# edge\nglobal\n  maxconn 100\n')).toBe(true);
    expect(haproxyLanguage.matches('etc/balancer.conf', 'frontend www\n    bind :80\n')).toBe(true);
    expect(haproxyLanguage.matches('setup.cfg', '[metadata]\nname = x\n')).toBe(false);
    expect(haproxyLanguage.matches('app.conf', 'global settings are below\nkey = value\n')).toBe(false);
    expect(haproxyLanguage.matches('notes.txt', 'backend web\n  server a 1.2.3.4:80\n')).toBe(false);
  });

  it('groups files by directory so a defaults file applies to its neighbours only', () => {
    const parsed = ['a/haproxy.cfg', 'a/10-x.haproxy.cfg', 'b/haproxy.cfg'].map((path) => {
      const source = new SourceFile(path, 'backend x\n');
      return { ...haproxyLanguage.parse(source), source, language: 'haproxy' };
    });
    expect(haproxyLanguage.units?.(parsed, {})).toEqual([
      { id: 'a', files: ['a/haproxy.cfg', 'a/10-x.haproxy.cfg'] },
      { id: 'b', files: ['b/haproxy.cfg'] },
    ]);
  });

  it('is the language the engine reads haproxy.cfg with, and a comment above a section covers it all', () => {
    const config: ResolvedConfig = { rules: new Map(), disabled: new Set(), settings: {} };
    const linter = new Linter([haproxyLanguage], []);
    const run = linter.lint({ files: [{ path: 'haproxy.cfg', text: 'backend x\n  server a 1.2.3.4:80\n' }], configFor: () => config });
    expect(run.results[0]?.language).toBe('haproxy');
    const file = linter.parse({ path: 'haproxy.cfg', text: '# about x\nbackend x\n  server a 1.2.3.4:80\n' });
    expect(haproxyLanguage.scopeAt?.(file as never, 2)).toMatchObject({ start: { line: 2 }, end: { line: 3 } });
  });
});
