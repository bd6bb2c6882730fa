import { yaml } from '@nospof/core/testing';
import { ruleTester } from '../test-support/rule-tester.js';
import rule from './single-region-deploy.js';

const regionalCallee = yaml`
  on:
    workflow_call:
      inputs:
        region:
          type: string
          required: true
  jobs:
    deploy:
      runs-on: ubuntu-latest
      environment: production
      steps:
        - uses: aws-actions/configure-aws-credentials@v4
          with:
            role-to-assume: arn:aws:iam::123456789012:role/deploy
            aws-region: \${{ inputs.region }}
        - run: aws ecs update-service --cluster web --service api --force-new-deployment
`;

ruleTester().run(rule, {
  valid: [
    {
      name: 'matrix over two regions',
      code: yaml`
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            environment: production
            strategy:
              matrix:
                region: [us-east-1, eu-west-1]
            steps:
              - uses: aws-actions/configure-aws-credentials@v4
                with:
                  aws-region: \${{ matrix.region }}
              - run: sam deploy --no-confirm-changeset
      `,
    },
    {
      name: 'one job per region',
      code: yaml`
        on: push
        jobs:
          deploy-us:
            runs-on: ubuntu-latest
            steps:
              - run: gcloud run deploy api --image "$IMAGE" --region us-central1
          deploy-eu:
            runs-on: ubuntu-latest
            steps:
              - run: gcloud run deploy api --image "$IMAGE" --region europe-west1
      `,
    },
    {
      name: 'region from a repository variable is not judged',
      code: yaml`
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            env:
              AWS_REGION: \${{ vars.AWS_REGION }}
            steps:
              - run: cdk deploy --all --require-approval never
      `,
    },
    {
      name: 'deploy with no visible target is not judged',
      code: yaml`
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            environment: production
            steps:
              - run: ./scripts/deploy.sh
      `,
    },
    {
      name: 'reusable deploy called once per region',
      code: yaml`
        on: push
        jobs:
          us:
            uses: ./.github/workflows/deploy.yml
            with:
              region: us-east-1
          eu:
            uses: ./.github/workflows/deploy.yml
            with:
              region: eu-central-1
      `,
      files: { '.github/workflows/deploy.yml': regionalCallee },
    },
    {
      name: 'region auto (Cloudflare R2) is not a region setting',
      code: yaml`
        on:
          push:
            branches: [main]
        jobs:
          assets:
            runs-on: ubuntu-latest
            env:
              AWS_REGION: auto
            steps:
              - run: aws s3 sync ./dist s3://assets --endpoint-url "$R2_ENDPOINT"
      `,
    },
    {
      name: 'a cleanup job names where something is taken down, not where the service runs',
      code: yaml`
        on:
          pull_request:
            types: [closed]
        jobs:
          cleanup-preview:
            runs-on: ubuntu-latest
            environment: staging
            env:
              AWS_REGION: us-east-1
            steps:
              - run: helm uninstall "pr-\${{ github.event.number }}" -n previews
      `,
    },
    {
      name: 'a region read outside deploy steps and jobs does not count',
      code: yaml`
        on: push
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: pytest --region us-east-1
          e2e:
            runs-on: ubuntu-latest
            steps:
              - uses: helm/kind-action@v1
              - run: helm upgrade --install api ./chart --kube-context kind-chart-testing
      `,
    },
    {
      name: 'the build context of an image push is a directory, not a cluster',
      code: yaml`
        on:
          push:
            tags: ['v*']
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: docker/build-push-action@v6
                with:
                  context: .
                  push: true
                  tags: ghcr.io/acme/api:\${{ github.ref_name }}
      `,
    },
  ],
  invalid: [
    {
      name: 'the context input of a context action names the cluster',
      code: yaml`
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            environment: production
            steps:
              - uses: azure/k8s-set-context@v4
                with:
                  method: kubeconfig
                  kubeconfig: \${{ secrets.KUBECONFIG }}
                  context: prod-westeurope
              - run: kubectl apply -f k8s/
      `,
      errors: [{ messageId: 'singleTarget', data: { kind: 'cluster', target: 'prod-westeurope' }, line: 11 }],
    },
    {
      name: 'one region in the credentials step',
      code: yaml`
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            environment: production
            steps:
              - uses: aws-actions/configure-aws-credentials@v4
                with:
                  aws-region: us-east-1
              - uses: aws-actions/amazon-ecs-deploy-task-definition@v2
                with:
                  task-definition: task.json
                  cluster: web
      `,
      errors: [
        {
          messageId: 'singleTarget',
          data: { job: 'deploy', why: 'it uses `aws-actions/amazon-ecs-deploy-task-definition` in step "aws-actions/amazon-ecs-deploy-task-definition@v2"', kind: 'region', target: 'us-east-1' },
          line: 9,
          column: 23,
          endColumn: 32,
        },
      ],
    },
    {
      name: 'one cluster through a CLI flag',
      code: yaml`
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - run: helm upgrade --install api ./chart --kube-context prod-eu-1
      `,
      errors: [{ messageId: 'singleTarget', data: { kind: 'cluster', target: 'prod-eu-1' }, line: 6 }],
    },
    {
      name: 'a region flag in the deploy command, value quoted',
      code: yaml`
        on:
          push:
            branches: [main]
        jobs:
          api:
            runs-on: ubuntu-latest
            steps:
              - run: gcloud run deploy api --image "$IMAGE" --region="europe-west4" --quiet
      `,
      errors: [{ messageId: 'singleTarget', data: { job: 'api', why: 'it runs `gcloud run deploy` in step 1', kind: 'region', target: 'europe-west4' }, line: 8 }],
    },
    {
      name: 'caller passes the only region',
      code: yaml`
        on: push
        jobs:
          production:
            uses: ./.github/workflows/deploy.yml
            with:
              region: us-east-1
      `,
      files: { '.github/workflows/deploy.yml': regionalCallee },
      errors: [{ messageId: 'singleTarget', data: { job: 'production', target: 'us-east-1' }, line: 6, column: 15 }],
    },
  ],
});
