import { dedent } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './health-check.js';

const cfg = dedent;

ruleTester().run(rule, {
  valid: [
    { name: 'every server checked', code: 'backend web\n  server a 10.0.0.1:80 check\n  server b 10.0.0.2:80 check inter 2s fall 3\n' },
    { name: 'default-server check in the backend', code: 'backend web\n  default-server check inter 3s\n  server a 10.0.0.1:80\n  server b 10.0.0.2:80\n' },
    {
      name: 'default-server check in defaults',
      code: cfg`
        defaults
          default-server check
        backend web
          server a 10.0.0.1:80
          server b 10.0.0.2:80
      `,
    },
    {
      name: 'default-server check in a defaults file of the same directory',
      filename: 'conf.d/20-web.haproxy.cfg',
      code: 'backend web\n  server a 10.0.0.1:80\n  server b 10.0.0.2:80\n',
      files: { 'conf.d/10-defaults.haproxy.cfg': 'defaults\n  default-server check\n' },
    },
    { name: 'track counts as checked', code: 'backend web\n  server a 10.0.0.1:80 check\n  server b 10.0.0.2:80 track web2/b\n' },
    { name: 'a disabled server is not judged', code: 'backend web\n  server a 10.0.0.1:80 check\n  server b 10.0.0.2:80 check\n  server c 10.0.0.3:80 disabled\n' },
    { name: 'a single server is left to single-server-backend', code: 'backend web\n  server a 10.0.0.1:80\n' },
    { name: 'parameters filled in at load time', code: 'backend web\n  server a 10.0.0.1:80 "${SERVER_OPTS}"\n  server b 10.0.0.2:80 check\n' },
    { name: 'server-template with check', code: 'backend web\n  server-template web 1-4 web.service.consul:80 check resolvers consul\n' },
  ],
  invalid: [
    {
      name: 'the passive Jenkins controller without check never takes over',
      code: cfg`
        backend jenkins
          option httpchk GET /login
          server jenkins-a 10.0.1.10:8080
          server jenkins-b 10.0.2.10:8080 check backup
      `,
      output: cfg`
        backend jenkins
          option httpchk GET /login
          server jenkins-a 10.0.1.10:8080 check
          server jenkins-b 10.0.2.10:8080 check backup
      `,
      errors: [{ messageId: 'optionWithoutCheck', line: 3, column: 3, data: { server: 'jenkins-a', option: 'httpchk' } }],
    },
    {
      name: 'servers of a pool without check',
      code: 'backend api\n  balance roundrobin\n  server api1 10.0.0.1:80 # first\n  server api2 10.0.0.2:80 weight 10\n',
      output: 'backend api\n  balance roundrobin\n  server api1 10.0.0.1:80 check # first\n  server api2 10.0.0.2:80 weight 10 check\n',
      errors: [
        { messageId: 'noCheck', line: 3 },
        { messageId: 'noCheck', line: 4 },
      ],
    },
    {
      name: 'option pgsql-check in defaults does not start checks',
      code: 'defaults\n  option pgsql-check user haproxy\nlisten pg\n  server pg1 10.0.0.1:5432 check\n  server pg2 10.0.0.2:5432\n',
      output: 'defaults\n  option pgsql-check user haproxy\nlisten pg\n  server pg1 10.0.0.1:5432 check\n  server pg2 10.0.0.2:5432 check\n',
      errors: [{ messageId: 'optionWithoutCheck', line: 5, data: { option: 'pgsql-check' } }],
    },
    {
      name: 'no-check on the server',
      code: 'backend web\n  default-server check\n  server a 10.0.0.1:80 no-check\n  server b 10.0.0.2:80\n',
      output: 'backend web\n  default-server check\n  server a 10.0.0.1:80 check\n  server b 10.0.0.2:80\n',
      errors: [{ messageId: 'noCheck', line: 3 }],
    },
    {
      name: 'no-check on a default-server line',
      code: 'defaults\n  default-server no-check\nbackend web\n  server a 10.0.0.1:80\n  server b 10.0.0.2:80 check\n',
      output: 'defaults\n  default-server no-check\nbackend web\n  server a 10.0.0.1:80 check\n  server b 10.0.0.2:80 check\n',
      errors: [{ messageId: 'noCheck', line: 4 }],
    },
  ],
});
