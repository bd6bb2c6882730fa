import { dedent } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './single-server-backend.js';

const cfg = dedent;

ruleTester().run(rule, {
  valid: [
    {
      name: 'an active/backup pair of Jenkins controllers',
      code: cfg`
        backend jenkins
          server jenkins-a 10.0.1.10:8080 check
          server jenkins-b 10.0.2.10:8080 check backup
      `,
    },
    { name: 'a server-template of three', code: cfg`
      backend api
        server-template api 1-3 _api._tcp.service.consul resolvers consul check
    ` },
    { name: 'a server plus a server-template', code: 'listen db\n  server db1 10.0.0.1:5432 check\n  server-template db 2 db.internal:5432 check\n' },
    { name: 'no server at all (stats page)', code: 'listen stats\n  bind :8404\n  stats enable\n' },
    { name: 'a frontend is not a backend', code: 'frontend www\n  bind :80\n  default_backend web\n' },
    { name: 'a local socket', code: 'backend php\n  server fpm /run/php/php-fpm.sock\n' },
    { name: 'a loopback sidecar', code: 'backend app\n  server app 127.0.0.1:8080 check\n' },
    { name: 'a Kubernetes Service', code: 'backend app\n  server app web.prod.svc.cluster.local:80 check\n' },
    { name: 'an AWS load balancer', code: 'backend app\n  server app internal-api-123.eu-west-1.elb.amazonaws.com:443 ssl verify none\n' },
    { name: 'a configured virtual host', code: 'backend app\n  server vip app-vip.example.com:80\n', options: [{ virtualHosts: ['app-vip.example.com'] }] },
    { name: 'an address filled in at load time', code: 'backend app\n  server app "${APP_ADDR}"\n' },
    { name: 'a disabled backend', code: 'backend old\n  disabled\n  server a 10.0.0.1:80\n' },
    { name: 'a templated backend', code: 'backend web\n{% for h in groups.web %}\n  server {{ h }} {{ h }}:80 check\n{% endfor %}\n' },
    {
      name: 'one backend per pool member, to reach that machine (SSH to each node of the pool)',
      code: cfg`
        backend node1-ssh
          mode tcp
          server node1 10.90.0.1:22
        backend node2-ssh
          mode tcp
          server node2 10.90.0.2:22
        backend web
          server node1 10.90.0.1:8080 check
          server node2 10.90.0.2:8080 check
      `,
    },
    { name: 'in another file name', filename: 'lb/haproxy/edge.cfg', code: 'backend a\n  server a1 10.0.0.1:80\n  server a2 10.0.0.2:80\n' },
  ],
  invalid: [
    {
      name: 'one server',
      code: cfg`
        defaults
          timeout connect 5s

        backend jenkins
          server jenkins 10.0.1.10:8080 check
      `,
      errors: [{ messageId: 'oneServer', line: 5, column: 3, endLine: 5, endColumn: 38, data: { section: 'backend "jenkins"', server: 'jenkins' } }],
    },
    {
      name: 'a listen section with one server',
      code: 'listen postgres\n  bind :5432\n  mode tcp\n  server pg1 db1.internal:5432 check\n',
      errors: [{ messageId: 'oneServer', line: 4, column: 3, data: { section: 'listen "postgres"' } }],
    },
    {
      name: 'a server-template of one',
      code: 'backend api\n  server-template api 1 api.internal:80 check\n',
      errors: [{ messageId: 'oneServer', line: 2 }],
    },
    {
      name: 'only the single-server backend of several',
      code: 'backend a\n  server a1 10.0.0.1:80\n  server a2 10.0.0.2:80\nbackend b\n  server b1 10.0.0.3:80\n',
      errors: [{ messageId: 'oneServer', line: 5 }],
    },
    {
      name: 'single-server backends on one port whose hosts are in no pool are services, each a single point of failure',
      code: 'backend api\n  server api 10.0.0.1:8080\nbackend auth\n  server auth 10.0.0.2:8080\n',
      errors: [{ messageId: 'oneServer', line: 2 }, { messageId: 'oneServer', line: 4 }],
    },
    {
      name: 'a lone single-server backend to a pool member is not a per-member family',
      code: 'backend node1-admin\n  server node1 10.0.0.1:9000\nbackend web\n  server node1 10.0.0.1:80 check\n  server node2 10.0.0.2:80 check\n',
      errors: [{ messageId: 'oneServer', line: 2 }],
    },
    {
      name: 'single-server backends on only some of a pool\'s hosts are not a per-node family',
      code: 'backend db-primary\n  server db1 10.0.0.1:5432\nbackend db-replica\n  server db2 10.0.0.2:5432\nbackend web\n  server n1 10.0.0.1:80 check\n  server n2 10.0.0.2:80 check\n  server n3 10.0.0.3:80 check\n',
      errors: [{ messageId: 'oneServer', line: 2 }, { messageId: 'oneServer', line: 4 }],
    },
    {
      name: 'a suppression on the section covers it',
      code: '# nospof-ignore haproxy/single-server-backend -- a dev balancer\nbackend b\n  server b1 10.0.0.3:80\n',
      errors: [{ messageId: 'oneServer', line: 3, suppressed: true }],
    },
  ],
});
