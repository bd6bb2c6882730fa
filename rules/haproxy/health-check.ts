import type { Fixer } from '@nospof/core';
import { checkState, defaultCheckState, describeSection, hasBackendRole, healthCheckOption, isDisabled, isDisabledServer, type Section, type Server, type Word } from '@nospof/haproxy';
import { defineRule } from './utils/define-rule.js';
import { defaultsChain } from './utils/index-of.js';
import { serverTotal } from './utils/servers.js';

export default defineRule({
  meta: {
    id: 'haproxy/health-check',
    language: 'haproxy',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Every server of a multi-server backend is health-checked',
      rationale:
        'Without `check`, HAProxy never marks a server down: a dead server stays in rotation and receives its share of requests, and a `backup` server never takes over. `option httpchk` (or `pgsql-check`, `mysql-check`...) only says how to check; servers without `check` are still never checked.',
      remediation: 'Add `check` to each `server` line, or once to a `default-server` line of the backend or its `defaults`.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults:
        'A server is checked by its own `check`, by `track` of another server, or by `check` on a `default-server` line it inherits (backend or `defaults`); `no-check` turns it off. Disabled servers and single-server backends (see `haproxy/single-server-backend`) are not judged.',
    },
    messages: {
      noCheck: 'Server "{{server}}" of {{section}} is not health-checked: when it dies it stays in rotation{{backupNote}}. Add `check`.',
      optionWithoutCheck:
        'Server "{{server}}" of {{section}} has no `check`, so `option {{option}}` never runs for it: when it dies it stays in rotation{{backupNote}}. Add `check`.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
  },
  create(context) {
    return {
      Section(section: Section) {
        if (!hasBackendRole(section) || isDisabled(section)) return;
        const total = serverTotal(section);
        if (!total.known || total.value < 2) return;
        const chain = defaultsChain(context, section);
        const optionSection = [section, ...chain].find((s) => healthCheckOption(s) !== undefined);
        const option = optionSection ? healthCheckOption(optionSection) : undefined;
        const hasBackup = section.servers.some((s) => s.params.some((p) => p.text === 'backup'));
        const inherited = defaultCheckState(section, chain);
        for (const server of section.servers) {
          if (isDisabledServer(server)) continue;
          const state = checkState(server, inherited);
          if (!state.checked.known) {
            context.skipped(state.checked, `health check of server "${server.name.text}"`);
            continue;
          }
          if (state.checked.value) continue;
          const isBackup = server.params.some((p) => p.text === 'backup');
          context.report({
            node: server,
            messageId: option ? 'optionWithoutCheck' : 'noCheck',
            data: {
              server: server.name.text,
              section: describeSection(section),
              option: option?.args[0]?.text ?? '',
              backupNote: isBackup ? '' : hasBackup ? ' and the backup never takes over' : '',
            },
            fix: (fixer) => addCheck(fixer, server, state.decidedBy),
            related: [
              ...(option && optionSection ? [{ node: option, file: optionSection.file, message: `option ${option.args[0]?.text ?? ''} is set here` }] : []),
              ...(state.decidedBy?.text === 'no-check' && state.decidedIn
                ? [{ node: state.decidedBy, file: state.decidedIn.file, message: 'a default-server line turns checks off here' }]
                : []),
            ],
          });
        }
      },
    };
  },
});

/** Replaces the server's own `no-check` with `check`, or appends `check` to the line. */
function addCheck(fixer: Fixer, server: Server, decidedBy: Word | undefined) {
  if (decidedBy?.text === 'no-check' && server.params.includes(decidedBy)) return fixer.replace(decidedBy, 'check');
  const last = server.directive.args[server.directive.args.length - 1] ?? server.directive.keywordWord;
  return fixer.insertAfter(last, ' check');
}
