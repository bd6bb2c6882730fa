import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './deploy-concurrency.js';

const deployCallee = yaml`
  on:
    workflow_call:
      inputs:
        environment:
          type: string
          required: true
  jobs:
    rollout:
      runs-on: ubuntu-latest
      environment: \${{ inputs.environment }}
      steps:
        - run: helm upgrade --install web ./chart
`;

ruleTester().run(rule, {
  valid: [
    {
      name: 'job-level concurrency group per environment',
      code: yaml`
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            environment: production
            concurrency:
              group: deploy-production
              cancel-in-progress: false
            steps:
              - run: ./deploy.sh
      `,
    },
    {
      name: 'workflow-level concurrency as a string covers every job',
      code: yaml`
        on: push
        concurrency: deploy-\${{ github.ref }}
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - run: kubectl apply -f k8s/
      `,
    },
    {
      name: 'jobs that do not deploy need no group',
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
      name: 'cancel-in-progress from an expression is not judged',
      code: yaml`
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            environment: staging
            concurrency:
              group: staging
              cancel-in-progress: \${{ github.event_name == 'pull_request' }}
            steps:
              - run: ./deploy.sh
      `,
    },
    {
      name: 'a workflow only called by others is judged at its callers',
      filename: '.github/workflows/deploy.yml',
      code: deployCallee,
    },
    {
      name: 'caller with a concurrency group covers the called deploy',
      code: yaml`
        on: push
        jobs:
          production:
            uses: ./.github/workflows/deploy.yml
            concurrency: deploy-production
            with:
              environment: production
      `,
      files: { '.github/workflows/deploy.yml': deployCallee },
    },
    {
      name: 'a call to a workflow outside the run is not judged',
      code: yaml`
        on: push
        jobs:
          production:
            uses: acme/pipelines/.github/workflows/deploy.yml@v3
      `,
    },
  ],
  invalid: [
    {
      name: 'environment without concurrency',
      code: yaml`
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            environment: production
            steps:
              - run: ./deploy.sh
      `,
      output: yaml`
        on: push
        jobs:
          deploy:
            concurrency: deploy-production
            runs-on: ubuntu-latest
            environment: production
            steps:
              - run: ./deploy.sh
      `,
      errors: [{ messageId: 'missing', data: { job: 'deploy' }, line: 3, column: 3 }],
    },
    {
      name: 'deploy by a known action without environment',
      code: yaml`
        on: push
        jobs:
          ship:
            runs-on: ubuntu-latest
            steps:
              - uses: aws-actions/amazon-ecs-deploy-task-definition@v2
                with:
                  cluster: prod
      `,
      output: yaml`
        on: push
        jobs:
          ship:
            concurrency: \${{ github.workflow }}-ship
            runs-on: ubuntu-latest
            steps:
              - uses: aws-actions/amazon-ecs-deploy-task-definition@v2
                with:
                  cluster: prod
      `,
      errors: [{ messageId: 'missing', data: { job: 'ship' } }],
    },
    {
      name: 'cancel-in-progress true on the workflow',
      code: yaml`
        on: push
        concurrency:
          group: \${{ github.workflow }}
          cancel-in-progress: true
        jobs:
          deploy:
            runs-on: ubuntu-latest
            environment:
              name: production
              url: https://example.com
            steps:
              - run: terraform apply -auto-approve
      `,
      output: yaml`
        on: push
        concurrency:
          group: \${{ github.workflow }}
          cancel-in-progress: false
        jobs:
          deploy:
            runs-on: ubuntu-latest
            environment:
              name: production
              url: https://example.com
            steps:
              - run: terraform apply -auto-approve
      `,
      errors: [{ messageId: 'cancelsInProgress', line: 4, column: 23, endColumn: 27 }],
    },
    {
      name: 'caller of a deploying workflow without concurrency',
      code: yaml`
        on: push
        jobs:
          production:
            uses: ./.github/workflows/deploy.yml
            with:
              environment: production
      `,
      files: { '.github/workflows/deploy.yml': deployCallee },
      output: yaml`
        on: push
        jobs:
          production:
            concurrency: \${{ github.workflow }}-production
            uses: ./.github/workflows/deploy.yml
            with:
              environment: production
      `,
      errors: [{ messageId: 'missingForCall', data: { job: 'production', target: 'rollout' }, line: 3 }],
    },
  ],
});
