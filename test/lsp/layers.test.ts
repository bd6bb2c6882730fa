import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from './lsp-client.js';
import { makeWorkspace } from './workspace.js';

const slow = { timeout: 120_000 };
const HOOK_MS = 60_000;
const has = (rule: string) => (d: Diagnostic[]) => d.some((x) => x.code === rule);

const alertmanager = `route:
  receiver: slack
  routes:
    - matchers: [severity="critical"]
      receiver: pager
receivers:
  - name: slack
    slack_configs: [{ channel: '#alerts' }]
  - name: pager
    pagerduty_configs: [{ routing_key_file: /etc/am/pd }]
`;

const haproxy = `defaults
  mode http
  timeout connect 5s
  timeout client  1m
  timeout server  1m

backend jenkins
  option httpchk GET /login
  server jenkins-a 10.0.1.10:8080 check
`;

const secret = `apiVersion: v1
kind: Secret
metadata:
  name: alertmanager-main
stringData:
  alertmanager.yaml: |-
    route:
      receiver: Critical
    receivers:
      - name: Critical
`;

describe('language server over stdio: alert routing and load balancers', slow, () => {
  const workspace = makeWorkspace({});
  let client: TestClient;

  beforeAll(async () => {
    client = await TestClient.start({ root: workspace.root });
  }, HOOK_MS);
  afterAll(async () => {
    await client.dispose();
    workspace.remove();
  }, HOOK_MS);

  it('publishes alerting findings for an alertmanager.yml', async () => {
    const uri = await client.open(workspace.write('alertmanager.yml', alertmanager));
    const diagnostics = await client.waitForDiagnostics(uri, has('alerting/route-channel-redundancy'));
    expect(diagnostics.find((d) => d.code === 'alerting/route-channel-redundancy')).toMatchObject({
      range: { start: { line: 4, character: 16 } },
      source: 'nospof',
    });
  });

  it('publishes findings inside a Secret at their line in the manifest', async () => {
    const uri = await client.open(workspace.write('alertmanager-secret.yaml', secret));
    const diagnostics = await client.waitForDiagnostics(uri, has('alerting/empty-receiver'));
    expect(diagnostics.find((d) => d.code === 'alerting/empty-receiver')?.range.start).toEqual({ line: 9, character: 14 });
  });

  it('publishes HAProxy findings for an haproxy.cfg and updates them as it is edited', async () => {
    const uri = await client.open(workspace.write('haproxy.cfg', haproxy), undefined, 'haproxy');
    const diagnostics = await client.waitForDiagnostics(uri, has('haproxy/single-server-backend'));
    expect(diagnostics.find((d) => d.code === 'haproxy/single-server-backend')?.range.start).toEqual({ line: 8, character: 2 });
    const version = await client.replace(uri, `${haproxy}  server jenkins-b 10.0.2.10:8080 backup\n`);
    const next = await client.waitForDiagnostics(uri, has('haproxy/health-check'), version);
    expect(next.map((d) => d.code)).not.toContain('haproxy/single-server-backend');
  });
});
