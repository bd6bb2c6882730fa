import { dedent } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './timeouts.js';

const cfg = dedent;
const complete = 'defaults\n  timeout connect 5s\n  timeout client 1m\n  timeout server 1m\n';

ruleTester().run(rule, {
  valid: [
    { name: 'all three in defaults', code: `${complete}frontend www\n  bind :80\nbackend web\n  server a 10.0.0.1:80\n` },
    { name: 'set in each proxy', code: 'frontend www\n  timeout client 30s\nbackend web\n  timeout connect 5s\n  timeout server 30s\n' },
    { name: '1.x keywords', code: 'defaults\n  contimeout 5000\n  clitimeout 50000\n  srvtimeout 50000\nlisten app\n  server a 10.0.0.1:80\n' },
    { name: 'a frontend needs only the client timeout', code: 'defaults\n  timeout client 30s\nfrontend www\n  bind :80\n' },
    { name: 'values filled in at load time', code: 'defaults\n  timeout connect "${T_CONNECT}"\n  timeout client 1m\n  timeout server 1m\nlisten app\n' },
    { name: 'a defaults section nobody uses', code: 'defaults\n  mode http\nglobal\n  maxconn 10\n' },
    {
      name: 'named defaults through from',
      code: 'defaults tcp\n  timeout connect 1s\n  timeout server 1m\ndefaults other\n  mode http\nbackend db from tcp\n  server a 10.0.0.1:5432\n',
    },
    { name: 'defaults in an earlier file of the directory', filename: 'haproxy/20-web.cfg', code: 'listen web\n  server a 10.0.0.1:80\n', files: { 'haproxy/00-defaults.cfg': complete } },
    { name: 'a disabled proxy', code: 'backend old\n  disabled\n' },
  ],
  invalid: [
    {
      name: 'defaults without timeout server',
      code: cfg`
        defaults
          mode http
          timeout connect 5s
          timeout client 30s

        frontend www
          bind :80
          default_backend web

        backend web
          server a 10.0.0.1:80 check
          server b 10.0.0.2:80 check
      `,
      errors: [{ messageId: 'missingInDefaults', line: 1, column: 1, endColumn: 9, data: { timeout: 'server' } }],
    },
    {
      name: 'one finding per missing timeout, however many proxies inherit it',
      code: 'defaults\n  mode http\nfrontend a\n  bind :80\nfrontend b\n  bind :81\nbackend c\n  timeout server 1m\n',
      errors: [
        { messageId: 'missingInDefaults', line: 1, data: { timeout: 'client' } },
        { messageId: 'missingInDefaults', line: 1, data: { timeout: 'connect' } },
      ],
    },
    {
      name: 'no defaults section',
      code: 'listen app\n  bind :80\n  timeout client 10s\n  server a 10.0.0.1:80\n  server b 10.0.0.2:80\n',
      errors: [
        { messageId: 'missing', line: 1, column: 1, data: { section: 'listen "app"', timeout: 'connect' } },
        { messageId: 'missing', line: 1, data: { timeout: 'server' } },
      ],
    },
    {
      name: 'a zero timeout',
      code: 'defaults\n  timeout connect 5s\n  timeout client 0\n  timeout server 30s\nfrontend www\n  bind :80\n',
      errors: [{ messageId: 'disabled', line: 3, column: 3, data: { timeout: 'client' } }],
    },
    {
      name: 'defaults in another file: the finding lands there',
      filename: 'haproxy/20-web.cfg',
      code: 'backend web\n  timeout server 1m\n  server a 10.0.0.1:80\n',
      files: { 'haproxy/00-defaults.cfg': 'defaults\n  mode http\n' },
      errors: [{ messageId: 'missingInDefaults', line: 1, file: 'haproxy/00-defaults.cfg', data: { timeout: 'connect' } }],
    },
  ],
});
