import type { CommandSignature, ToolCatalog } from './types.js';

/** HTTP clients that post to a webhook held in a variable whose name says where it goes. */
const HTTP_CLIENTS = ['curl', 'wget', 'http', 'https', 'xh', 'invoke-restmethod', 'invoke-webrequest', 'irm', 'iwr'];

function webhookCall(variable: string): CommandSignature[] {
  return HTTP_CLIENTS.map((run) => ({ run, mentions: [variable] }));
}

/**
 * Where a pipeline can send a failure alert. Two notifications of the same kind (two Slack webhooks) share
 * one point of failure, so the canonical name is the provider, not the room.
 */
export const notificationChannels: ToolCatalog = [
  {
    name: 'slack',
    title: 'Slack',
    actions: [
      'slackapi/slack-github-action',
      '8398a7/action-slack',
      'rtcamp/action-slack-notify',
      'act10ns/slack',
      'ravsamhq/notify-slack-action',
      'lazy-actions/slatify',
      'voxmedia/github-action-slack-notify-build',
      'pullreminders/slack-action',
    ],
    urls: ['hooks.slack.com', 'slack.com/api/chat.postMessage'],
    commands: webhookCall('SLACK_WEBHOOK'),
    jenkinsSteps: ['slackSend', 'slackUploadFile'],
  },
  {
    name: 'msteams',
    title: 'Microsoft Teams',
    actions: [
      'aliencube/microsoft-teams-actions',
      'skitionek/notify-microsoft-teams',
      'jdcargile/ms-teams-notification',
      'toko-bifrost/ms-teams-deploy-card',
      'dhollerbach/actions.send-message-to-ms-teams',
    ],
    urls: ['webhook.office.com', 'outlook.office.com/webhook'],
    commands: webhookCall('TEAMS_WEBHOOK'),
    jenkinsSteps: ['office365ConnectorSend'],
  },
  {
    name: 'email',
    title: 'Email',
    actions: ['dawidd6/action-send-mail'],
    commands: ['sendmail', 'mail', 'mailx', 'mutt', 'msmtp', 'swaks'],
    // `Mailer` is the classic `step([$class: 'Mailer', recipients: ...])` form
    jenkinsSteps: ['mail', 'emailext', 'Mailer'],
  },
  {
    name: 'discord',
    title: 'Discord',
    actions: ['sarisia/actions-status-discord', 'ilshidur/action-discord', 'appleboy/discord-action', 'tsickert/discord-webhook'],
    urls: ['discord.com/api/webhooks', 'discordapp.com/api/webhooks'],
    commands: webhookCall('DISCORD_WEBHOOK'),
    jenkinsSteps: ['discordSend'],
  },
  { name: 'mattermost', title: 'Mattermost', actions: ['mattermost/action-mattermost-notify'], jenkinsSteps: ['mattermostSend'] },
  { name: 'telegram', title: 'Telegram', actions: ['appleboy/telegram-action'], urls: ['api.telegram.org'], jenkinsSteps: ['telegramSend'] },
  {
    name: 'google-chat',
    title: 'Google Chat',
    actions: ['co-qn/google-chat-notification', 'simonscholz/google-chat-action'],
    urls: ['chat.googleapis.com'],
    commands: webhookCall('GOOGLE_CHAT_WEBHOOK'),
    jenkinsSteps: ['googlechatnotification'],
  },
  { name: 'pagerduty', title: 'PagerDuty', urls: ['events.pagerduty.com'], jenkinsSteps: ['pagerduty'] },
  { name: 'opsgenie', title: 'Opsgenie', urls: ['api.opsgenie.com', 'api.eu.opsgenie.com'], jenkinsSteps: ['opsgenie'] },
  { name: 'rocketchat', title: 'Rocket.Chat', actions: ['rocketchat/rocket.chat.github.action.notification'], jenkinsSteps: ['rocketSend'] },
  { name: 'zulip', title: 'Zulip', actions: ['zulip/github-actions-zulip'], jenkinsSteps: ['zulipSend', 'zulipNotification'] },
  { name: 'webex', title: 'Webex', jenkinsSteps: ['sparkSend', 'webexNotifier'] },
  { name: 'hipchat', title: 'HipChat', jenkinsSteps: ['hipchatSend'] },
  { name: 'irc', title: 'IRC', jenkinsSteps: ['ircNotify'] },
  { name: 'jabber', title: 'Jabber/XMPP', jenkinsSteps: ['jabberNotify'] },
  // Paging and messaging services alert routers (Alertmanager, Datadog) deliver to, directly or by webhook.
  { name: 'victorops', title: 'Splunk On-Call (VictorOps)', urls: ['alert.victorops.com'] },
  { name: 'grafana-oncall', title: 'Grafana OnCall', urls: ['/integrations/v1/alertmanager/'] },
  { name: 'incident-io', title: 'incident.io', urls: ['api.incident.io'] },
  { name: 'squadcast', title: 'Squadcast', urls: ['api.squadcast.com'] },
  { name: 'ilert', title: 'ilert', urls: ['api.ilert.com'] },
  { name: 'zenduty', title: 'Zenduty', urls: ['zenduty.com/api/'] },
  { name: 'signl4', title: 'SIGNL4', urls: ['connect.signl4.com'] },
  { name: 'pushover', title: 'Pushover', urls: ['api.pushover.net'] },
  { name: 'sns', title: 'Amazon SNS' },
  { name: 'wechat', title: 'WeChat', urls: ['qyapi.weixin.qq.com'] },
  { name: 'jira', title: 'Jira' },
  { name: 'servicenow', title: 'ServiceNow' },
  { name: 'datadog-oncall', title: 'Datadog On-Call' },
  {
    name: 'github-issue',
    title: 'GitHub issue',
    actions: ['jasonetco/create-an-issue', 'dacbd/create-issue-action'],
    commands: ['gh issue create'],
    snippets: ['issues.create('],
  },
];
