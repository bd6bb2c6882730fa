import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './alert-channel-redundancy.js';

const filename = '.github/workflows/deploy.yml';

const workflow = (steps: string) => yaml`
  on:
    push:
      branches: [main]
  jobs:
    deploy:
      runs-on: ubuntu-latest
      steps:
        - run: ./deploy.sh
        ${steps}
`;

const slack = yaml`
  - if: failure()
    uses: slackapi/slack-github-action@v2
    with:
      webhook: \${{ secrets.SLACK_WEBHOOK_URL }}
      webhook-type: incoming-webhook
`;

ruleTester().run(rule, {
  valid: [
    {
      name: 'Slack and PagerDuty',
      filename,
      code: workflow(slack + yaml`
        - if: failure()
          run: |
            curl -sS -X POST https://events.pagerduty.com/v2/enqueue \\
              -H 'Content-Type: application/json' -d @alert.json
      `),
    },
    {
      name: 'channels in different workflows',
      filename,
      code: workflow(slack),
      files: {
        '.github/workflows/nightly.yml': workflow(yaml`
          - if: failure()
            uses: dawidd6/action-send-mail@v3
            with:
              to: oncall@example.com
        `),
      },
    },
    { name: 'no failure notification at all is left to other rules', filename, code: workflow('- run: echo done') },
    {
      name: 'a pager in a reusable workflow called only on failure is a second channel',
      filename,
      code: yaml`
        on:
          push:
            branches: [main]
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - run: ./deploy.sh
              - if: failure()
                uses: slackapi/slack-github-action@v2
                with:
                  webhook: \${{ secrets.SLACK_WEBHOOK_URL }}
                  webhook-type: incoming-webhook
          page:
            needs: [deploy]
            if: always() && contains(needs.*.result, 'failure')
            uses: ./.github/workflows/page.yml
            secrets: inherit
      `,
      files: {
        '.github/workflows/page.yml': yaml`
          on: workflow_call
          jobs:
            page:
              runs-on: ubuntu-latest
              steps:
                - run: curl -sS -X POST https://events.pagerduty.com/v2/enqueue -d @event.json
        `,
      },
    },
    {
      name: 'success notifications do not count',
      filename,
      code: workflow(yaml`
        - uses: slackapi/slack-github-action@v2
          with:
            webhook: \${{ secrets.SLACK_WEBHOOK_URL }}
      `),
    },
  ],
  invalid: [
    {
      name: 'every alert goes to Slack',
      filename,
      code: workflow(slack),
      files: {
        '.github/workflows/nightly.yml': workflow(yaml`
          - if: \${{ failure() }}
            run: |
              curl -X POST -H 'Content-type: application/json' --data '{"text":"nightly failed"}' https://hooks.slack.com/services/T0/B0/X
        `),
      },
      errors: [{ messageId: 'oneChannel', data: { channel: 'slack', count: 2 }, file: filename, line: 10, column: 15 }],
    },
  ],
});
