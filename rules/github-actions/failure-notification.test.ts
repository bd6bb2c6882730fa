import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './failure-notification.js';

const nightly = (steps: string) => yaml`
  name: Nightly backup
  on:
    schedule:
      - cron: '0 2 * * *'
  jobs:
    backup:
      runs-on: ubuntu-latest
      timeout-minutes: 60
      steps:
        - run: ./backup.sh
        ${steps}
`;

const slackOnFailure = yaml`
  - uses: slackapi/slack-github-action@v2
    if: failure()
    with:
      webhook: \${{ secrets.SLACK_WEBHOOK_URL }}
      webhook-type: incoming-webhook
`;

const mailOnFailure = yaml`
  - uses: dawidd6/action-send-mail@v3
    if: \${{ failure() }}
    with:
      to: oncall@example.com
      subject: Backup failed
`;

ruleTester().run(rule, {
  valid: [
    {
      name: 'a production environment that only a dispatch input default names does not make a pushed run a deploy',
      code: yaml`
        on:
          push:
            branches: [main]
          workflow_dispatch:
            inputs:
              environment:
                type: choice
                options: [staging, production]
                default: production
        jobs:
          deploy:
            runs-on: ubuntu-latest
            environment: \${{ inputs.environment }}
            steps:
              - run: ./scripts/publish.sh
      `,
    },
    { name: 'slack step on failure', code: nightly(slackOnFailure) },
    {
      name: 'pull-request workflows are watched by their authors',
      code: yaml`
        on: pull_request
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: make test
      `,
    },
    {
      name: 'push to feature branches only',
      code: yaml`
        on:
          push:
            branches: ['feature/**']
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: make test
      `,
    },
    {
      name: 'notify job with if failure() needing the others',
      code: yaml`
        on:
          push:
            branches: [main]
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - run: make
          notify:
            needs: [build]
            if: \${{ always() && contains(needs.*.result, 'failure') }}
            runs-on: ubuntu-latest
            steps:
              - run: |
                  curl -sS -X POST -H 'Content-type: application/json' \\
                    --data '{"text":"main is broken"}' https://hooks.slack.com/services/T000/B000/XXXX
      `,
    },
    {
      name: 'a workflow_run watcher alerts for this workflow',
      code: nightly(''),
      files: {
        '.github/workflows/alerts.yml': yaml`
          on:
            workflow_run:
              workflows: [Nightly backup]
              types: [completed]
          jobs:
            alert:
              if: github.event.workflow_run.conclusion == 'failure'
              runs-on: ubuntu-latest
              steps:
                - uses: sarisia/actions-status-discord@v1
                  with:
                    webhook: \${{ secrets.DISCORD_WEBHOOK }}
        `,
      },
    },
    {
      name: 'alert inside a local composite action',
      code: nightly(yaml`
        - uses: ./.github/actions/page-oncall
          if: failure()
      `),
      files: {
        '.github/actions/page-oncall/action.yml': yaml`
          name: Page on-call
          runs:
            using: composite
            steps:
              - shell: bash
                run: curl -X POST https://events.pagerduty.com/v2/enqueue -d @event.json
        `,
      },
    },
    { name: 'an unidentified third-party action on failure is not judged', code: nightly(yaml`
        - uses: acme/notify-oncall@v2
          if: failure()
      `) },
    {
      name: 'a scheduled workflow whose only job is switched off with `if: false` runs nothing',
      code: yaml`
        on:
          schedule:
            - cron: '0 6 * * *'
        jobs:
          e2e:
            # disabled until the cloud account is back
            if: false && github.actor != 'dependabot[bot]'
            runs-on: ubuntu-latest
            steps:
              - run: make e2e
      `,
    },
    { name: 'two channels under strict', code: nightly(slackOnFailure + mailOnFailure), options: [{ minChannels: 2 }] },
    {
      name: 'called reusable workflow alerts on failure',
      code: yaml`
        on:
          release:
            types: [published]
        jobs:
          publish:
            uses: ./.github/workflows/publish.yml
      `,
      files: {
        '.github/workflows/publish.yml': yaml`
          on: workflow_call
          jobs:
            publish:
              runs-on: ubuntu-latest
              steps:
                - run: make publish
                - if: failure()
                  run: gh issue create --title "Release failed" --body "$RUN_URL"
        `,
      },
    },
    {
      name: 'recommended: plain CI on pushes to main is watched by whoever merged',
      code: yaml`
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - run: make
      `,
    },
    {
      name: 'an alert in a reusable workflow called when another job failed',
      code: yaml`
        name: Deploy
        on:
          push:
            branches: [main]
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - run: kubectl apply -k overlays/production
          alert:
            needs: [deploy]
            if: always() && contains(needs.*.result, 'failure')
            uses: ./.github/workflows/notify.yml
            secrets: inherit
      `,
      files: {
        '.github/workflows/notify.yml': yaml`
          on:
            workflow_call:
          jobs:
            page:
              runs-on: ubuntu-latest
              steps:
                - uses: slackapi/slack-github-action@v2
                  with:
                    webhook: \${{ secrets.SLACK_WEBHOOK_URL }}
                    webhook-type: incoming-webhook
        `,
      },
    },
    {
      name: 'a composite action used by a job that runs on failure',
      code: nightly('') + yaml`
        alert:
          needs: [backup]
          if: failure()
          runs-on: ubuntu-latest
          steps:
            - uses: ./.github/actions/page
      `.replace(/^/gm, '  '),
      files: {
        '.github/actions/page/action.yml': yaml`
          name: Page
          runs:
            using: composite
            steps:
              - shell: bash
                run: curl -sS -X POST https://api.opsgenie.com/v2/alerts -H "Authorization: GenieKey $KEY" -d @alert.json
        `,
      },
    },
    {
      name: 'default branch named in settings',
      code: yaml`
        on:
          push:
            branches: [main]
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - run: make
      `,
      settings: { 'github-actions': { defaultBranch: 'trunk' } },
    },
  ],
  invalid: [
    {
      name: 'schedule without alert',
      code: nightly(''),
      errors: [{ messageId: 'missing', data: { kind: 'Scheduled workflow', workflow: 'Nightly backup', trigger: 'a schedule' }, line: 3, column: 3, endColumn: 11 }],
    },
    {
      name: 'notification that only runs on success does not count',
      code: nightly(yaml`
        - uses: slackapi/slack-github-action@v2
          with:
            webhook: \${{ secrets.SLACK_WEBHOOK_URL }}
      `),
      errors: [{ messageId: 'missing' }],
    },
    {
      name: 'a push trigger filtering both branches and tags runs on tag pushes: judged as a release',
      code: yaml`
        name: images
        on:
          push:
            branches: [trunk]
            tags: ['v*']
        jobs:
          image:
            runs-on: ubuntu-latest
            steps:
              - run: make image-push
      `,
      errors: [{ messageId: 'missing', data: { kind: 'Release workflow', trigger: 'tag pushes', reason: 'a failed release is not seen in any pull request' }, line: 3, column: 3 }],
    },
    {
      name: 'strict: plain CI on pushes to main, string form of on',
      code: yaml`
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - run: make
      `,
      options: [{ minChannels: 1, defaultBranchPushes: true }],
      errors: [{ messageId: 'missing', data: { kind: 'Workflow', trigger: 'pushes to the default branch' }, line: 1, column: 5 }],
    },
    {
      name: 'a deploy on pushes to main says what deploys',
      code: yaml`
        name: CD
        on:
          push:
            branches: [main]
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: make test
          deploy:
            needs: test
            runs-on: ubuntu-latest
            steps:
              - name: Roll out
                run: helm upgrade --install api ./chart --atomic
      `,
      errors: [
        {
          messageId: 'missing',
          data: { kind: 'Deploy workflow', workflow: 'CD', trigger: 'pushes to the default branch', reason: 'job "deploy" runs `helm upgrade` in step "Roll out"' },
          line: 3,
          column: 3,
        },
      ],
    },
    {
      name: 'a deploy chained after CI with workflow_run',
      code: yaml`
        on:
          workflow_run:
            workflows: [CI]
            types: [completed]
        jobs:
          pages:
            if: github.event.workflow_run.conclusion == 'success'
            runs-on: ubuntu-latest
            environment: github-pages
            steps:
              - uses: actions/deploy-pages@v4
      `,
      errors: [{ messageId: 'missing', data: { kind: 'Deploy workflow', trigger: 'the completion of another workflow' }, line: 2 }],
    },
    {
      name: 'a job gated on the watched run succeeding is not a failure step: its third-party action is no alert',
      code: yaml`
        on:
          push:
            branches: [main]
          workflow_run:
            workflows: [Update data]
            types: [completed]
        jobs:
          publish:
            if: github.event_name == 'push' || github.event.workflow_run.conclusion == 'success'
            runs-on: ubuntu-latest
            steps:
              - run: npm run build
              - uses: JamesIves/github-pages-deploy-action@v4
                with:
                  folder: dist
      `,
      errors: [{ messageId: 'missing', data: { kind: 'Deploy workflow', trigger: 'pushes to the default branch' }, line: 2 }],
    },
    {
      name: 'a workflow_run watcher that only acts after a successful run sends nothing on a failure',
      code: nightly(''),
      files: {
        '.github/workflows/report.yml': yaml`
          on:
            workflow_run:
              workflows: [Nightly backup]
              types: [completed]
          jobs:
            report:
              if: github.event_name == 'workflow_dispatch' || github.event.workflow_run.conclusion == 'success'
              runs-on: ubuntu-latest
              steps:
                - uses: peter-evans/create-or-update-comment@v4
                  with:
                    issue-number: 1
                    body: backup done
        `,
      },
      errors: [{ messageId: 'missing', data: { kind: 'Scheduled workflow', workflow: 'Nightly backup' }, line: 3 }],
    },
    {
      name: 'tag push release',
      code: yaml`
        on:
          push:
            tags: ['v*.*.*']
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - run: make release
      `,
      errors: [{ messageId: 'missing', data: { kind: 'Release workflow', trigger: 'tag pushes' }, line: 2 }],
    },
    {
      name: 'one channel under strict',
      code: nightly(slackOnFailure),
      options: [{ minChannels: 2 }],
      errors: [{ messageId: 'tooFewChannels', data: { channels: 'slack', min: 2 } }],
    },
  ],
});
