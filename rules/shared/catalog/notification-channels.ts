import type { ToolCatalog } from './types.js';

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
    patterns: ['\\b(?:curl|wget|http|Invoke-RestMethod|Invoke-WebRequest)\\b[^\\n]*SLACK_WEBHOOK'],
    hints: ['slack_webhook'],
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
    patterns: ['\\b(?:curl|wget|http|Invoke-RestMethod|Invoke-WebRequest)\\b[^\\n]*TEAMS_WEBHOOK'],
    hints: ['teams_webhook'],
    jenkinsSteps: ['office365ConnectorSend'],
  },
  {
    name: 'email',
    title: 'Email',
    actions: ['dawidd6/action-send-mail'],
    commands: ['sendmail', 'mail', 'mailx', 'mutt', 'msmtp', 'swaks'],
    jenkinsSteps: ['mail', 'emailext'],
  },
  {
    name: 'discord',
    title: 'Discord',
    actions: ['sarisia/actions-status-discord', 'ilshidur/action-discord', 'appleboy/discord-action', 'tsickert/discord-webhook'],
    urls: ['discord.com/api/webhooks', 'discordapp.com/api/webhooks'],
    jenkinsSteps: ['discordSend'],
  },
  { name: 'mattermost', title: 'Mattermost', actions: ['mattermost/action-mattermost-notify'], jenkinsSteps: ['mattermostSend'] },
  { name: 'telegram', title: 'Telegram', actions: ['appleboy/telegram-action'], urls: ['api.telegram.org'], jenkinsSteps: ['telegramSend'] },
  {
    name: 'google-chat',
    title: 'Google Chat',
    actions: ['co-qn/google-chat-notification', 'simonscholz/google-chat-action'],
    urls: ['chat.googleapis.com'],
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
  {
    name: 'github-issue',
    title: 'GitHub issue',
    actions: ['jasonetco/create-an-issue', 'dacbd/create-issue-action'],
    commands: ['gh issue create'],
    patterns: ['\\bissues\\.create\\s*\\('],
    hints: ['issues.create'],
  },
];
