import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './deploy-retry.js';

const job = (steps: string) => yaml`
  on: push
  jobs:
    deploy:
      runs-on: ubuntu-latest
      steps:
        - uses: actions/checkout@v4
        ${steps}
`;

ruleTester().run(rule, {
  valid: [
    {
      name: 'deploy command wrapped in a retry action',
      code: job(yaml`
        - uses: nick-fields/retry@v3
          with:
            timeout_minutes: 10
            max_attempts: 3
            command: helm upgrade --install web ./chart --wait
      `),
    },
    {
      name: 'shell loop with back-off',
      code: job(yaml`
        - name: Apply manifests
          run: |
            for attempt in 1 2 3; do
              kubectl apply -f k8s/ && break
              sleep $((attempt * 10))
            done
      `),
    },
    {
      name: 'follow-up step retries on failure',
      code: job(yaml`
        - id: deploy
          continue-on-error: true
          run: gcloud run deploy web --image "$IMAGE" --region us-central1
        - if: steps.deploy.outcome == 'failure'
          run: gcloud run deploy web --image "$IMAGE" --region us-central1
      `),
    },
    { name: 'steps that do not deploy', code: job('- run: make test') },
    {
      name: 'composite action with a retried deploy',
      filename: 'deploy/action.yml',
      code: yaml`
        name: Deploy
        runs:
          using: composite
          steps:
            - shell: bash
              run: retry 3 terraform apply -auto-approve
      `,
    },
  ],
  invalid: [
    {
      name: 'kubectl apply without retry',
      code: job(yaml`
        - name: Apply manifests
          run: kubectl apply -f k8s/
      `),
      errors: [{ messageId: 'noRetry', data: { step: 'Apply manifests', tool: 'kubernetes' }, line: 8, column: 9, endColumn: 12 }],
    },
    {
      name: 'deploy action without retry',
      code: job(yaml`
        - uses: aws-actions/amazon-ecs-deploy-task-definition@v2
          with:
            task-definition: task.json
            service: web
            cluster: prod
      `),
      errors: [{ messageId: 'noRetry', data: { tool: 'aws' }, line: 7, column: 15 }],
    },
    {
      name: 'composite action deploy without retry',
      filename: '.github/actions/deploy/action.yml',
      code: yaml`
        name: Deploy
        runs:
          using: composite
          steps:
            - shell: bash
              run: helm upgrade --install api ./chart
      `,
      errors: [{ messageId: 'noRetry', data: { step: 'step 1' }, line: 6 }],
    },
  ],
});
