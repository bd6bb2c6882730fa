/** A Datadog notification handle in a monitor message (`@pagerduty-Infra`, `@slack-ops`, `@ops@example.com`). */
export interface Handle {
  readonly text: string;
  /** Offset of the `@` in the message. */
  readonly offset: number;
  /** Catalog channel name (`pagerduty`, `slack`), a per-webhook kind, or undefined when nospof cannot tell. */
  readonly channel: string | undefined;
}

/** Handle prefixes by the catalog name of the channel they notify. */
const PREFIXES: readonly (readonly [string, string])[] = [
  ['pagerduty-', 'pagerduty'],
  ['opsgenie-', 'opsgenie'],
  ['slack-', 'slack'],
  ['teams-', 'msteams'],
  ['victorops-', 'victorops'],
  ['oncall-', 'datadog-oncall'],
  ['servicenow-', 'servicenow'],
  ['jira-', 'jira'],
  ['hangouts-', 'google-chat'],
  ['sns-', 'sns'],
  ['discord-', 'discord'],
  ['squadcast-', 'squadcast'],
];

/** Template blocks whose handles are notified for other states than the alert (warnings, recoveries). */
const OTHER_STATES = new Set(['is_warning', 'is_warning_recovery', 'is_recovery', 'is_alert_recovery', 'is_no_data', 'is_no_data_recovery']);

function isHandleChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95 || c === 46 || c === 43 || c === 64;
}

function channelOf(handle: string): string | undefined {
  const lower = handle.toLowerCase();
  for (const [prefix, channel] of PREFIXES) if (lower.startsWith(prefix) && lower.length > prefix.length) return channel;
  if (lower.startsWith('webhook-') && lower.length > 8) return `webhook:${lower.slice(8)}`;
  // `@team-…`, `@workflow-…`, `@case-…` route through settings nospof cannot see.
  return isEmailAddress(lower) ? 'email' : undefined;
}

/** `local@domain.tld`, checked without a regular expression. */
function isEmailAddress(text: string): boolean {
  const at = text.indexOf('@');
  if (at <= 0 || at !== text.lastIndexOf('@')) return false;
  const domain = text.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = domain.slice(dot + 1);
  return dot > 0 && tld.length >= 2 && [...tld].every((c) => c >= 'a' && c <= 'z');
}

/**
 * The handles a monitor notifies when it alerts: every `@handle` except those inside template blocks for
 * other states (`{{#is_warning}}`, `{{#is_recovery}}`...). A handle built from a template variable
 * (`@{{team.handle}}`) is a handle nospof cannot read. One pass over the message, no backtracking.
 */
export function alertHandles(message: string): Handle[] {
  const handles: Handle[] = [];
  // Template blocks nest shallowly; a deeper stack (hostile input) stops growing, keeping the scan linear.
  const blocks: { name: string; excluded: boolean }[] = [];
  const excluded = () => blocks.some((b) => b.excluded);
  const MAX_DEPTH = 32;
  for (let i = 0; i < message.length; i++) {
    const ch = message[i];
    if (ch === '{' && message[i + 1] === '{') {
      const close = message.indexOf('}}', i + 2);
      if (close === -1) break;
      const tag = message.slice(i + 2, close).trim();
      const sigil = tag[0];
      const name = tag.slice(1).trim().split(/\s/)[0] ?? '';
      if (sigil === '#' && blocks.length < MAX_DEPTH) blocks.push({ name, excluded: OTHER_STATES.has(name) });
      else if (sigil === '^' && blocks.length < MAX_DEPTH) blocks.push({ name, excluded: name === 'is_alert' });
      else if (sigil === '/') {
        const at = blocks.map((b) => b.name).lastIndexOf(name);
        if (at !== -1) blocks.splice(at);
      }
      i = close + 1;
      continue;
    }
    if (ch !== '@') continue;
    const before = i === 0 ? 32 : message.charCodeAt(i - 1);
    if (isHandleChar(before) && before !== 64) continue;
    let end = i + 1;
    while (end < message.length && isHandleChar(message.charCodeAt(end))) end++;
    if (message[end] === '{' && message[end + 1] === '{' && !'#/^'.includes(message[end + 2] ?? '#')) {
      // `@{{variable}}` or `@pagerduty-{{service}}`: a handle nospof cannot read.
      if (!excluded()) handles.push({ text: message.slice(i + 1, end), offset: i, channel: undefined });
      i = end;
      continue;
    }
    let text = message.slice(i + 1, end);
    // A sentence may end right after the handle: "page @ops@example.com."
    while (text.endsWith('.')) text = text.slice(0, -1);
    if (text !== '' && !excluded()) handles.push({ text, offset: i, channel: channelOf(text) });
    i = end - 1;
  }
  return handles;
}
