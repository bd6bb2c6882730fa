import { SourceFile, toPolicyInput, type ParsedFile, type PolicyUnit } from '@nospof/core';
import { fuzzRuns } from '@nospof/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haproxyLanguage } from '../language.js';
import type { HaproxyConfig } from '../model.js';
import { HaproxyIndex } from '../project-index.js';

function policyUnit(files: Record<string, string>): PolicyUnit {
  const parsed: ParsedFile<HaproxyConfig>[] = Object.entries(files).map(([path, text]) => {
    const source = new SourceFile(path, text);
    return { ...haproxyLanguage.parse(source), source, language: 'haproxy' };
  });
  const [unit] = haproxyLanguage.units?.(parsed, {}) ?? [];
  if (!unit || !haproxyLanguage.policyUnit) throw new Error('haproxy builds units and policy units');
  return haproxyLanguage.policyUnit(unit, parsed, new HaproxyIndex(parsed), {});
}

const config = `global
  maxconn 4096

defaults
  mode http
  timeout connect 5s
  timeout server 30s
  option redispatch
  retries 3
  default-server inter 2s fall 3

frontend www
  bind *:80
  bind *:443 ssl crt /etc/ssl/site.pem
  default_backend web
  use_backend api if { path_beg /api }

backend web
  balance roundrobin
  timeout server 60s
  option httpchk GET /health
  no option redispatch
  server web1 10.0.0.1:8080 check
  server web2 10.0.0.2:8080 check backup inter 5s
  server-template app 3 "\${APP_HOST}":8080 check

backend api
  server api1 10.0.1.1:9000
`;

describe('haproxy policy unit', () => {
  const unit = policyUnit({ 'lb/haproxy.cfg': config });
  const resource = (id: string) => {
    const found = unit.resources.find((r) => r.id === id);
    if (!found) throw new Error(`no resource ${id} in ${unit.resources.map((r) => r.id).join(', ')}`);
    return found;
  };

  it('has one resource per section, ids as findings use them', () => {
    expect(unit.unit).toBe('lb');
    expect(unit.files).toEqual(['lb/haproxy.cfg']);
    expect(unit.resources.map((r) => [r.id, r.type, r.name])).toEqual([
      ['global', 'global', 'global'],
      ['defaults', 'defaults', 'defaults'],
      ['frontend/www', 'frontend', 'www'],
      ['backend/web', 'backend', 'web'],
      ['backend/api', 'backend', 'api'],
    ]);
    expect(resource('backend/web').range.start).toMatchObject({ line: 18, column: 1 });
  });

  it('resolves what a backend inherits from defaults, its own lines winning', () => {
    const web = resource('backend/web').attributes;
    expect(web).toMatchObject({
      name: 'web',
      mode: 'http',
      balance: 'roundrobin',
      retries: 3,
      timeout: { connect: '5s', server: '60s' },
      option: { httpchk: 'GET /health', redispatch: false },
      'default-server': { inter: '2s', fall: 3 },
    });
    expect(web.servers).toEqual([
      { name: 'web1', address: '10.0.0.1:8080', count: 1, options: { inter: '2s', fall: 3, check: true } },
      { name: 'web2', address: '10.0.0.2:8080', count: 1, options: { inter: '5s', fall: 3, check: true, backup: true } },
      { name: 'app', address: { $unknown: '"${APP_HOST}:8080" is filled in when HAProxy loads the file' }, template: true, count: 3, options: { inter: '2s', fall: 3, check: true } },
    ]);
    expect(resource('frontend/www').attributes).toMatchObject({ mode: 'http', bind: ['*:80', '*:443 ssl crt /etc/ssl/site.pem'], default_backend: 'web', use_backend: ['api if { path_beg /api }'] });
    expect(resource('frontend/www').attributes).not.toHaveProperty('balance');
    expect(resource('backend/api').attributes).not.toHaveProperty('balance');
  });

  it('locates a value on the line that wrote it, inherited ones in defaults with the proxy as trail', () => {
    const web = resource('backend/web');
    expect(web.locate(['timeout', 'server'])?.range.start).toMatchObject({ line: 20, column: 18 });
    expect(web.locate(['balance'])?.range.start).toMatchObject({ line: 19, column: 11 });
    const connect = web.locate(['timeout', 'connect']);
    expect(connect).toMatchObject({ file: 'lb/haproxy.cfg', range: { start: { line: 6, column: 19 } } });
    expect(connect?.trail?.[0]).toMatchObject({ range: { start: { line: 18 } }, message: 'backend "web" inherits it from defaults' });
    expect(web.locate(['servers', 1, 'options', 'inter'])?.range.start).toMatchObject({ line: 24, column: 48 });
    const fall = web.locate(['servers', 1, 'options', 'fall']);
    expect(fall?.range.start).toMatchObject({ line: 10, column: 32 });
    expect(fall?.trail?.map((t) => t.range.start.line)).toEqual([18, 24]);
    expect(web.locate(['servers', 0])?.range.start).toMatchObject({ line: 23, column: 3 });
    expect(web.locate(['servers', 0, 'options', 'backup'])).toBeUndefined();
    expect(resource('frontend/www').locate(['bind', 1])?.range.start).toMatchObject({ line: 14, column: 3 });
  });

  it('gives unnamed sections of the same kind distinct ids', () => {
    const two = policyUnit({ 'haproxy.cfg': 'defaults\n  mode tcp\nbackend a\n  server a 1.1.1.1:1\ndefaults\n  mode http\nbackend b\n  server b 1.1.1.2:1\n' });
    expect(two.resources.map((r) => r.id)).toEqual(['defaults', 'backend/a', 'defaults#2', 'backend/b']);
    expect(two.resources.map((r) => r.attributes.mode)).toEqual(['tcp', 'tcp', 'http', 'http']);
    const other = policyUnit({ 'haproxy.cfg': 'defaults\n  mode http\n  timeout connect 5s\nresolvers dns\n  nameserver a 10.0.0.53:53\n' });
    expect(other.resources[1]?.attributes).toEqual({ name: 'dns', directives: [{ keyword: 'nameserver', args: ['a', '10.0.0.53:53'] }] });
  });

  it('reads the files of a directory in load order, haproxy.cfg first', () => {
    const u = policyUnit({
      'conf.d/20-web.cfg': 'backend web\n  server a 1.1.1.1:80\n',
      'conf.d/10-defaults.cfg': 'defaults\n  balance leastconn\n',
      'conf.d/haproxy.cfg': 'global\n  maxconn 100\n',
    });
    expect(u.files).toEqual(['conf.d/haproxy.cfg', 'conf.d/20-web.cfg', 'conf.d/10-defaults.cfg']);
    expect(u.resources.map((r) => r.id)).toEqual(['defaults', 'backend/web', 'global']);
    expect(u.resources.find((r) => r.id === 'backend/web')?.attributes.balance).toBe('leastconn');
  });

  it('never throws and stays JSON on random input', () => {
    const words = fc.constantFrom('global', 'defaults', 'backend', 'frontend', 'listen', 'server', 'server-template', 'default-server', 'timeout', 'option', 'no', 'balance', 'mode', 'from', 'check', 'inter', '"${X}"', '{{ x }}', '1-3', 'x', '#', '"', "'", '\\');
    const line = fc.array(words, { maxLength: 6 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const u = policyUnit({ 'haproxy.cfg': lines.join('\n') });
        const input = toPolicyInput(u);
        expect(JSON.parse(JSON.stringify(input))).toEqual(input);
        for (const r of u.resources) r.locate(['servers', 0, 'options', 'check']);
      }),
      { numRuns: fuzzRuns(200) },
    );
  });
});
