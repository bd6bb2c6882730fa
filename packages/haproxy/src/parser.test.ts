import { describe, expect, it } from 'vitest';
import { SourceFile } from '@nospof/core';
import { dedent } from '@nospof/core/testing';
import { lexLine } from './lexer.js';
import { parseHaproxy } from './parser.js';
import { checkState, defaultCheckState, healthCheckOption, parseDuration, timeoutIn } from './settings.js';
import { HaproxyIndex } from './project-index.js';
import type { HaproxyConfig, Section } from './model.js';

const parse = (text: string, path = 'haproxy.cfg') => parseHaproxy(new SourceFile(path, text));
const section = (config: HaproxyConfig, name: string): Section => {
  const found = config.sections.find((s) => s.name?.text === name || s.kind === name);
  if (!found) throw new Error(`no section ${name}`);
  return found;
};

describe('haproxy lexer', () => {
  const words = (line: string) => lexLine(line, 0, line.length).words.map((w) => w.text);

  it('splits on blanks and honours quotes, escapes and comments', () => {
    expect(words('  server web1 10.0.0.1:80 check # primary')).toEqual(['server', 'web1', '10.0.0.1:80', 'check']);
    expect(words('http-request set-header X-Test "a b" \'c d\' e\\ f')).toEqual(['http-request', 'set-header', 'X-Test', 'a b', 'c d', 'e f']);
    expect(words('acl x path_beg /a\\#b # comment')).toEqual(['acl', 'x', 'path_beg', '/a#b']);
    expect(lexLine('log "x # y" # z', 0, 15).comment).toEqual({ start: 12, end: 15 });
  });

  it('marks words filled in at load time as dynamic', () => {
    const line = 'server web "${HOST}" {{port}} \'${LITERAL}\' plain';
    expect(lexLine(line, 0, line.length).words.map((w) => w.dynamic)).toEqual([false, false, true, true, false, false]);
  });

  it('reports an unterminated quote and keeps the rest of the line', () => {
    const lexed = lexLine('server web "10.0.0.1:80 check', 0, 29);
    expect(lexed.error?.message).toBe('unterminated double quote');
    expect(lexed.words.map((w) => w.text)).toEqual(['server', 'web', '10.0.0.1:80 check']);
  });

  it('stays linear on long adversarial lines', () => {
    for (const line of ['"\\'.repeat(100_000), '\\'.repeat(200_001), '$'.repeat(200_000), `${'{'.repeat(100_000)}#`, `'${'a '.repeat(100_000)}`]) {
      const started = performance.now();
      lexLine(line, 0, line.length);
      expect(performance.now() - started).toBeLessThan(2_000);
    }
  });
});

describe('haproxy parser', () => {
  const config = dedent`
    # load balancer for the Jenkins controllers
    global
      log /dev/log local0
      maxconn 4096

    defaults
      mode http
      timeout connect 5s
      timeout client  30s
      timeout server  30s

    frontend www
      bind *:443 ssl crt /etc/ssl/site.pem
      default_backend jenkins

    backend jenkins
      option httpchk GET /login
      server jenkins-a 10.0.1.10:8080 check
      server jenkins-b 10.0.2.10:8080 check backup
      some-future-keyword with args

    backend api from defaults-api
      server-template api 1-3 api.service.consul:8080 check resolvers consul
  `;

  it('reads sections, names, servers and unknown directives with positions', () => {
    const { root, errors, comments } = parse(config);
    expect(errors).toEqual([]);
    expect(comments.map((c) => c.text)).toEqual([' load balancer for the Jenkins controllers']);
    expect(root.sections.map((s) => `${s.kind}:${s.name?.text ?? ''}`)).toEqual(['global:', 'defaults:', 'frontend:www', 'backend:jenkins', 'backend:api']);
    const jenkins = section(root, 'jenkins');
    expect(jenkins.range.start).toMatchObject({ line: 16, column: 1 });
    expect(jenkins.range.end).toMatchObject({ line: 20, column: 32 });
    expect(jenkins.servers.map((s) => `${s.name.text}@${s.address?.text} ${s.params.map((p) => p.text).join(' ')}`)).toEqual([
      'jenkins-a@10.0.1.10:8080 check',
      'jenkins-b@10.0.2.10:8080 check backup',
    ]);
    expect(jenkins.servers[1]?.range.start).toMatchObject({ line: 19, column: 3 });
    expect(jenkins.directives.map((d) => d.keyword)).toContain('some-future-keyword');
    expect(jenkins.resource).toBe('backend/jenkins');
    const api = section(root, 'api');
    expect(api.from?.text).toBe('defaults-api');
    expect(api.servers[0]).toMatchObject({ template: true, count: { known: true, value: 3 } });
  });

  it('reads timeouts, health-check options and check states', () => {
    const { root } = parse(config);
    const defaults = section(root, 'defaults');
    expect(timeoutIn(defaults, 'connect')?.value).toMatchObject({ known: true, value: 5000 });
    expect(timeoutIn(defaults, 'client')?.value).toMatchObject({ known: true, value: 30000 });
    expect(timeoutIn(section(root, 'www'), 'client')).toBeUndefined();
    const jenkins = section(root, 'jenkins');
    expect(healthCheckOption(jenkins)?.args[0]?.text).toBe('httpchk');
    expect(checkState(jenkins.servers[0]!, defaultCheckState(jenkins, [])).checked).toMatchObject({ known: true, value: true });
  });

  it('keeps reading after a keyword outside any section and an unterminated quote', () => {
    const { root, errors } = parse('maxconn 10\nbackend b\n  server a "10.0.0.1\n  server b 10.0.0.2:80\n');
    expect(errors.map((e) => `${e.range.start.line}:${e.range.start.column} ${e.message}`)).toEqual([
      '1:1 HAProxy: "maxconn" appears before any section (global, defaults, frontend, backend, listen)',
      '3:12 HAProxy: unterminated double quote',
    ]);
    expect(section(root, 'b').servers.map((s) => s.name.text)).toEqual(['a', 'b']);
  });

  it('marks sections with template syntax so their server count is not trusted', () => {
    const { root, errors } = parse('{% if lb %}\nbackend web\n{% for h in hosts %}\n  server {{ h }} {{ h }}:80 check\n{% endfor %}\n{% endif %}\nbackend api\n  server a 10.0.0.1:80\n');
    expect(errors).toEqual([]);
    expect(section(root, 'web').templated).toBe(true);
    expect(section(root, 'api').templated).toBe(false);
  });

  it('handles CRLF line ends, prefixes and legacy timeout keywords', () => {
    const { root } = parse('defaults\r\n  contimeout 5000\r\n  no option httpchk\r\nbackend b\r\n  server a 10.0.0.1:80 check\r\n');
    const defaults = section(root, 'defaults');
    expect(timeoutIn(defaults, 'connect')?.value).toMatchObject({ known: true, value: 5000 });
    expect(defaults.directives[1]).toMatchObject({ keyword: 'option', prefix: 'no' });
    expect(section(root, 'b').servers[0]?.params.map((p) => p.text)).toEqual(['check']);
  });

  it('never throws on arbitrary text and stays linear', () => {
    for (const text of ['\u0000\u0001backend', 'backend\n'.repeat(50_000), `backend b\n${'  server x "\n'.repeat(20_000)}`, '"'.repeat(300_000)]) {
      const started = performance.now();
      expect(() => parse(text)).not.toThrow();
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });
});

describe('haproxy durations', () => {
  const word = (text: string, dynamic = false) => ({ text, dynamic, range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } });
  it('reads HAProxy time units and rejects the rest as unknown', () => {
    expect(parseDuration(word('5s'))).toMatchObject({ known: true, value: 5000 });
    expect(parseDuration(word('5000'))).toMatchObject({ known: true, value: 5000 });
    expect(parseDuration(word('2m'))).toMatchObject({ known: true, value: 120000 });
    expect(parseDuration(word('0'))).toMatchObject({ known: true, value: 0 });
    expect(parseDuration(word('${T}', true)).known).toBe(false);
    expect(parseDuration(word('soon')).known).toBe(false);
  });
});

describe('haproxy defaults inheritance', () => {
  const file = (path: string, text: string) => ({ source: new SourceFile(path, text), language: 'haproxy', ...parse(text, path) });

  it('a proxy inherits the last defaults before it, across the files of a directory in name order', () => {
    const a = file('conf.d/00-defaults.cfg', 'defaults\n  timeout connect 5s\n');
    const b = file('conf.d/10-web.cfg', 'backend web\n  server a 10.0.0.1:80\n');
    const index = new HaproxyIndex([b, a]);
    const web = b.root.sections[0]!;
    expect(index.defaultsChain(web)).toEqual([a.root.sections[0]]);
  });

  it('follows named defaults and `from`, and stops on a cycle', () => {
    const f = file('haproxy.cfg', 'defaults base\n  timeout client 1s\ndefaults tcp from base\n  mode tcp\ndefaults other\nbackend db from tcp\n  server a 10.0.0.1:5432\ndefaults x from y\ndefaults y from x\nbackend z from x\n');
    const index = new HaproxyIndex([f]);
    const db = section(f.root, 'db');
    expect(index.defaultsChain(db).map((s) => s.name?.text)).toEqual(['tcp', 'base']);
    expect(index.defaultsChain(section(f.root, 'z')).map((s) => s.name?.text)).toEqual(['x', 'y']);
  });
});
