import {
  describeSection,
  hasBackendRole,
  hasFrontendRole,
  isDisabled,
  isProxy,
  timeoutIn,
  type Section,
  type TimeoutName,
  type TimeoutSetting,
} from '@nospof/haproxy';
import { defineRule } from './utils/define-rule.js';
import { defaultsChain } from './utils/index-of.js';

const EFFECT: Readonly<Record<TimeoutName, string>> = {
  connect: 'a connection attempt to a dead server waits instead of failing over to the next one',
  client: 'stalled clients hold their connections forever, until the balancer runs out of them',
  server: 'requests to a hung server wait forever, and connections pile up until the balancer itself fails',
};

/** The timeouts HAProxy needs for a proxy's role: `client` on the frontend side, `connect` and `server` on the backend side. */
function needed(section: Section): TimeoutName[] {
  return [...(hasBackendRole(section) ? (['connect'] as const) : []), ...(hasFrontendRole(section) ? (['client'] as const) : []), ...(hasBackendRole(section) ? (['server'] as const) : [])];
}

export default defineRule({
  meta: {
    id: 'haproxy/timeouts',
    language: 'haproxy',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Proxies set connect, client and server timeouts',
      rationale:
        'HAProxy has no default for `timeout connect`, `timeout client` and `timeout server`: without them a dead server is never given up on, and stalled clients and hung servers hold connections until the balancer reaches `maxconn` and stops serving everyone.',
      remediation: 'Set `timeout connect`, `timeout client` and `timeout server` in the `defaults` section (or in each proxy).',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2'],
      preset: 'recommended',
      defaults:
        'A frontend needs `timeout client`, a backend `timeout connect` and `timeout server`, a listen section all three, set in the section or in the `defaults` it inherits (the last one before it, or the one named by `from`, also from an earlier file of the same directory). The 1.x keywords `contimeout`, `clitimeout` and `srvtimeout` count. A value of 0 disables the timeout.',
    },
    messages: {
      missing: '{{section}} sets no `timeout {{timeout}}` and no `defaults` section gives it one: {{effect}}.',
      missingInDefaults: 'This `defaults` section sets no `timeout {{timeout}}`, and the proxies that inherit it set none either: {{effect}}.',
      disabled: '`timeout {{timeout}}` is 0, which disables it: {{effect}}.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    const judge = (section: Section, timeout: TimeoutName, chain: readonly Section[]) => {
      let setting: TimeoutSetting | undefined;
      let owner: Section | undefined;
      for (const candidate of [section, ...chain]) {
        setting = timeoutIn(candidate, timeout);
        if (setting) {
          owner = candidate;
          break;
        }
      }
      const inherits = { node: { range: section.keyword }, file: section.file, message: `${describeSection(section)} uses this timeout` };
      if (setting && owner) {
        if (!setting.value.known) {
          context.skipped(setting.value, `timeout ${timeout} of ${describeSection(section)}`);
          return;
        }
        if (setting.value.value !== 0) return;
        context.report({
          node: setting.directive,
          file: owner.file,
          messageId: 'disabled',
          data: { timeout, effect: EFFECT[timeout] },
          ...(owner === section ? {} : { related: [inherits] }),
          resource: owner.resource,
        });
        return;
      }
      const defaults = chain[0];
      if (defaults) {
        context.report({
          node: { range: defaults.keyword },
          file: defaults.file,
          messageId: 'missingInDefaults',
          data: { timeout, effect: EFFECT[timeout] },
          related: [{ ...inherits, message: `${describeSection(section)} inherits these defaults` }],
          resource: defaults.resource,
        });
        return;
      }
      context.report({ node: { range: section.keyword }, messageId: 'missing', data: { section: describeSection(section), timeout, effect: EFFECT[timeout] } });
    };
    return {
      Section(section: Section) {
        if (!isProxy(section) || isDisabled(section)) return;
        const chain = defaultsChain(context, section);
        for (const timeout of needed(section)) judge(section, timeout, chain);
      },
    };
  },
});
