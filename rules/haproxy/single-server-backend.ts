import { describeSection, hasBackendRole, isDisabled, type HaproxyConfig, type Section } from '@nospof/haproxy';
import { isLocalAddress, isVirtualAddress } from './utils/addresses.js';
import { defineRule } from './utils/define-rule.js';
import { perMemberSections } from './utils/per-member.js';
import { onlyServer, serverTotal } from './utils/servers.js';

export default defineRule({
  meta: {
    id: 'haproxy/single-server-backend',
    language: 'haproxy',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Backends balance over at least two servers',
      rationale:
        'A backend with one server puts a balancer in front of a single point of failure: when that server stops, is patched or its machine fails, every request to the backend fails.',
      remediation:
        'Add a second `server` (or a `server-template` of two or more). For a stateful service that must run once, such as a Jenkins controller, add the standby as `backup` so HAProxy fails over only when the active one is down.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults:
        'A `server-template` counts as its number of servers. Sections with no server (stats pages, redirects), disabled sections, servers on a local socket or loopback address, Kubernetes Service names (`*.svc`, `*.svc.cluster.local`) and AWS load balancer names are not judged, nor are sections rendered by a template engine. Nor is a family of single-server sections that reach every member of a pool the same file balances over, one section per member on a port they share (`node1-ssh` to node1:22, `node2-ssh` to node2:22): each gives access to one chosen machine, which a second server would not back up.',
    },
    messages: {
      oneServer:
        '{{section}} has one server ("{{server}}"): when it fails, every request to this {{kind}} fails. Add a second server; for a stateful service such as a Jenkins controller, add the standby with `backup`.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          virtualHosts: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'Host names or domain suffixes of servers that are themselves load-balanced (a VIP, a cloud load balancer).',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ virtualHosts: [] as string[] }],
    fixable: false,
  },
  create(context, [{ virtualHosts }]) {
    let perMember: ReadonlySet<Section> = new Set();
    return {
      HaproxyConfig(config: HaproxyConfig) {
        perMember = perMemberSections(config.sections);
      },
      Section(section: Section) {
        if (!hasBackendRole(section) || isDisabled(section) || perMember.has(section)) return;
        const total = serverTotal(section);
        if (!total.known) {
          context.skipped(total, `servers of ${describeSection(section)}`);
          return;
        }
        if (total.value !== 1) return;
        const server = onlyServer(section);
        const address = server?.address;
        if (!server || !address) return;
        if (address.dynamic) {
          context.skipped({ known: false, reason: 'the server address is filled in when the file is loaded: it may be a load-balanced name', range: address.range }, `address of server "${server.name.text}"`);
          return;
        }
        if (isLocalAddress(address.text) || isVirtualAddress(address.text, virtualHosts)) return;
        context.report({
          node: server,
          messageId: 'oneServer',
          data: { section: describeSection(section), server: server.name.text, kind: section.kind },
          related: [{ node: { range: section.keyword }, message: `${describeSection(section)} is defined here` }],
        });
      },
    };
  },
});
