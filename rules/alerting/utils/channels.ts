import { known, unknown, type Value } from '@nospof/core';
import type { AlertmanagerConfig, Integration } from '@nospof/alerting';
import { notificationChannels, type ToolSignature } from '../../shared/catalog/index.js';

/** A kind of channel: two integrations of one kind (two Slack rooms) share one point of failure. */
export interface ChannelKind {
  readonly name: string;
  readonly title: string;
}

/** Alertmanager integrations by the catalog name of the channel they reach. */
const INTEGRATION_CHANNELS: Readonly<Record<string, string>> = {
  pagerduty_configs: 'pagerduty',
  opsgenie_configs: 'opsgenie',
  email_configs: 'email',
  slack_configs: 'slack',
  msteams_configs: 'msteams',
  msteamsv2_configs: 'msteams',
  discord_configs: 'discord',
  telegram_configs: 'telegram',
  webex_configs: 'webex',
  victorops_configs: 'victorops',
  pushover_configs: 'pushover',
  sns_configs: 'sns',
  wechat_configs: 'wechat',
  jira_configs: 'jira',
  rocketchat_configs: 'rocketchat',
  incidentio_configs: 'incident-io',
  mattermost_configs: 'mattermost',
};

function catalogEntry(name: string): ToolSignature | undefined {
  return notificationChannels.find((c) => c.name === name);
}

function kind(name: string): ChannelKind {
  return { name, title: catalogEntry(name)?.title ?? name };
}

/** The host of a URL (`https://events.pagerduty.com/v2/enqueue` -> `events.pagerduty.com`), lower-cased. */
export function hostOf(url: string): string {
  const lower = url.toLowerCase();
  const scheme = lower.indexOf('://');
  const rest = scheme === -1 ? lower : lower.slice(scheme + 3);
  let end = rest.length;
  for (const stop of ['/', '?', '#']) {
    const at = rest.indexOf(stop);
    if (at !== -1 && at < end) end = at;
  }
  const authority = rest.slice(0, end);
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  const colon = host.lastIndexOf(':');
  return (colon === -1 || host.includes(']') ? host : host.slice(0, colon)).slice(0, 100);
}

/** The catalog channel a URL reaches (`hooks.slack.com`, `events.pagerduty.com`...), if any. */
export function channelOfUrl(url: string): ChannelKind | undefined {
  const lower = url.toLowerCase();
  const entry = notificationChannels.find((c) => (c.urls ?? []).some((u) => lower.includes(u.toLowerCase())));
  return entry ? { name: entry.name, title: entry.title } : undefined;
}

/**
 * The kind of channel an integration reaches. Webhooks are judged by where they send: a webhook to a
 * known paging or chat service counts as that service, any other host as a channel of its own. A URL
 * nospof cannot read (from a file or a secret, templated) is unknown.
 */
export function channelOf(integration: Integration, config: AlertmanagerConfig): Value<ChannelKind> {
  const named = INTEGRATION_CHANNELS[integration.key];
  if (integration.key === 'webhook_configs') {
    const url = integration.url;
    if (!url) return unknown('the webhook has no url', integration.range);
    if (!url.known) return url;
    const host = hostOf(url.value);
    return known(channelOfUrl(url.value) ?? { name: `webhook:${host}`, title: `a webhook to ${host}` }, url.range);
  }
  if (integration.key === 'slack_configs') {
    // Mattermost, Rocket.Chat and Discord accept Slack's webhook format: the host tells which it is.
    const url = integration.url ?? config.globalUrls.slack_api_url;
    if (!url?.known) return known(kind('slack'), integration.range);
    const host = hostOf(url.value);
    if (host === 'slack.com' || host.endsWith('.slack.com')) return known(kind('slack'), integration.range);
    return known(channelOfUrl(url.value) ?? { name: `slack-compatible:${host}`, title: `a Slack-compatible webhook at ${host}` }, integration.range);
  }
  if (named) return known(kind(named), integration.range);
  return unknown(`${integration.key} is an integration nospof does not know`, integration.keyRange);
}
