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
      name: 'a remote script that retries its deploy in a loop',
      code: job(yaml`
        - uses: appleboy/ssh-action@v1.2.0
          with:
            host: \${{ secrets.HOST }}
            script: |
              for attempt in 1 2 3; do
                docker stack deploy -c stack.yml shop && break
                sleep 10
              done
      `),
    },
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
      name: 'deploys to a kind cluster the job made are tests',
      code: job(yaml`
        - uses: helm/kind-action@v1
        - run: helm install web ./chart --wait
      `),
    },
    {
      name: 'downloads from a bucket and dry runs are not deploys',
      code: job(yaml`
        - run: aws s3 cp s3://artifacts/build.tar.gz .
        - run: kubectl apply --dry-run=client -f k8s/
      `),
    },
    {
      name: 'a deploy inside a local composite action is judged in the action, not the job',
      code: job('- uses: ./.github/actions/deploy'),
      files: {
        '.github/actions/deploy/action.yml': yaml`
          name: Deploy
          runs:
            using: composite
            steps:
              - shell: bash
                run: |
                  until kubectl apply -f k8s/; do sleep 5; done
        `,
      },
    },

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
      name: 'a deploy run on the host by an ssh action, reported at its uses',
      code: job(yaml`
        - uses: D3rHase/ssh-command-action@v0.3.1
          with:
            host: \${{ secrets.HOST }}
            command: helm upgrade --install web /srv/chart
      `),
      errors: [{ messageId: 'noRetry', data: { step: 'step "D3rHase/ssh-command-action@v0.3.1"', what: 'helm upgrade', tool: 'kubernetes' }, line: 7, column: 15 }],
    },
    {
      name: 'kubectl apply without retry',
      code: job(yaml`
        - name: Apply manifests
          run: kubectl apply -f k8s/
      `),
      errors: [{ messageId: 'noRetry', data: { step: 'step "Apply manifests"', what: 'kubectl apply', tool: 'kubernetes' }, line: 8, column: 9, endColumn: 12 }],
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
      errors: [{ messageId: 'noRetry', data: { what: 'aws-actions/amazon-ecs-deploy-task-definition', tool: 'aws' }, line: 7, column: 15 }],
    },
    {
      name: 'docs published to GitHub Pages without retry',
      code: job(yaml`
        - name: Publish docs
          run: mkdocs gh-deploy --force --clean
      `),
      errors: [{ messageId: 'noRetry', data: { step: 'step "Publish docs"', what: 'mkdocs gh-deploy', tool: 'pages' }, line: 8 }],
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
