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
      name: 'a push-only job does not deploy to the environment a dispatch input names: it sits out dispatched runs',
      code: yaml`
        on:
          push:
            branches: [main]
          workflow_dispatch:
            inputs:
              target:
                type: choice
                options: [production, staging]
                default: production
        jobs:
          build:
            if: github.event_name == 'push'
            runs-on: ubuntu-latest
            environment: \${{ inputs.target }}
            steps:
              - run: ./scripts/publish.sh
      `,
    },
    {
      name: 'a dispatch input whose default and choices name no real target is not a deploy',
      code: yaml`
        on:
          workflow_dispatch:
            inputs:
              environment:
                type: choice
                options: [dev, qa]
                default: dev
        jobs:
          deploy:
            runs-on: ubuntu-latest
            environment: \${{ inputs.environment }}
            steps:
              - run: ./scripts/publish.sh
      `,
    },
    {
      name: 'a dispatch input defaulting to production, with a concurrency group per target',
      code: yaml`
        on:
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
            concurrency: deploy-\${{ inputs.environment }}
            steps:
              - run: ./scripts/publish.sh
      `,
    },
    {
      name: 'remote-execution actions that change no running service are not deploys',
      code: yaml`
        on:
          push:
            branches: [main]
        jobs:
          upload:
            runs-on: ubuntu-latest
            steps:
              - uses: appleboy/scp-action@v0.1.7
                with:
                  host: \${{ secrets.HOST }}
                  source: dist/*
                  target: /var/www/app
          maintain:
            runs-on: ubuntu-latest
            steps:
              - uses: appleboy/ssh-action@v1.2.0
                with:
                  host: \${{ secrets.HOST }}
                  script: |
                    docker ps
                    cd /srv/app && git pull && pm2 restart app
                    docker compose up -d
              - uses: fifsky/ssh-action@v0.0.6
                with:
                  host: prod.example.com
                  args: -tt
                  command: kubectl apply --dry-run=server -f k8s/
              - uses: easingthemes/ssh-deploy@v5
                with:
                  REMOTE_HOST: prod.example.com
                  SOURCE: dist/
      `,
    },
    {
      name: 'kubectl wrapper actions and images that only read or preview',
      code: yaml`
        on: push
        jobs:
          check:
            runs-on: ubuntu-latest
            steps:
              - uses: actions-hub/kubectl@master
                with:
                  args: get pods -n shop
              - uses: steebchen/kubectl@v2.0.0
                with:
                  config: \${{ secrets.KUBE_CONFIG }}
                  command: rollout status deployment/api
              - uses: docker://bitnami/kubectl:1.30
                with:
                  args: apply --dry-run=server -f k8s/
      `,
    },
    {
      name: 'a plan job holds the production environment for its credentials: it previews, it does not deploy',
      code: yaml`
        on: [push, pull_request]
        jobs:
          plan:
            runs-on: ubuntu-latest
            environment: production
            steps:
              - uses: actions/checkout@v4
              - run: terraform init -input=false
              - run: terraform plan -input=false -out=tfplan
    `,
    },
    {
      name: 'a server-side dry run against staging is a preview',
      code: yaml`
        on: pull_request
        jobs:
          diff:
            runs-on: ubuntu-latest
            environment: staging
            steps:
              - run: kubectl apply --dry-run=server -f k8s/
              - run: kubectl diff -f k8s/ || true
    `,
    },
    {
      name: 'a job that only asks Flux to reconcile may be cancelled: the controller carries the rollout',
      code: yaml`
        on:
          push:
            branches: [main]
        concurrency:
          group: \${{ github.workflow }}
          cancel-in-progress: true
        jobs:
          sync:
            runs-on: [self-hosted]
            environment: production
            steps:
              - run: flux --context main reconcile ks cluster --with-source
    `,
    },
    {
      name: 'an Argo CD sync request without a concurrency group',
      code: yaml`
        on: push
        jobs:
          sync:
            runs-on: ubuntu-latest
            steps:
              - run: argocd app sync web --grpc-web
              - run: argocd app wait web --health
    `,
    },
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
      name: 'a test job whose environment only gates a secret',
      code: yaml`
        on: pull_request
        jobs:
          integration:
            runs-on: ubuntu-latest
            environment: integration-tests
            steps:
              - uses: actions/checkout@v4
              - run: npm ci && npm run test:integration
                env:
                  API_TOKEN: \${{ secrets.SANDBOX_API_TOKEN }}
      `,
    },
    {
      name: 'manifests applied to a kind cluster made in the same job',
      code: yaml`
        on: [push, pull_request]
        jobs:
          smoke:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - uses: helm/kind-action@v1
                with:
                  cluster_name: smoke
              - run: |
                  kubectl apply -k deploy/overlays/ci
                  helm upgrade --install web ./chart --wait --timeout 5m
                  kubectl rollout status deploy/web
      `,
    },
    {
      name: 'a kind cluster created from the command line, and a LocalStack service',
      code: yaml`
        on: push
        jobs:
          e2e:
            runs-on: ubuntu-latest
            services:
              localstack:
                image: localstack/localstack:3
                ports: ['4566:4566']
            steps:
              - run: kind create cluster --name e2e --wait 120s
              - run: kubectl apply -f test/fixtures/
              - run: aws s3 sync ./fixtures s3://test-bucket
      `,
    },
    {
      name: 'a Swarm the job makes for itself is a test target',
      code: yaml`
        on: push
        jobs:
          e2e:
            runs-on: ubuntu-latest
            steps:
              - run: docker swarm init
              - run: docker stack deploy -c test/stack.yml e2e
      `,
    },
    {
      name: 'previews, dry runs and image pushes that are not releases',
      code: yaml`
        on:
          push:
            branches: [main]
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - run: kubectl apply --dry-run=server -f k8s/
              - run: netlify deploy --dir=public --alias=pr-preview
              - run: docker push ghcr.io/acme/web:sha-\${{ github.sha }}
              - uses: docker/build-push-action@v6
                with:
                  push: \${{ github.event_name != 'pull_request' }}
                  tags: ghcr.io/acme/web:1.2.3
      `,
    },
    {
      name: 'a k3s service container is a cluster the job made',
      code: yaml`
        on: push
        jobs:
          e2e:
            runs-on: ubuntu-latest
            services:
              k3s:
                image: rancher/k3s:v1.30.2-k3s1
            steps:
              - run: helm upgrade --install web ./chart --kubeconfig ./k3s.yaml
      `,
    },
    {
      name: 'an environment name known only at run time, with no deploy command',
      code: yaml`
        on:
          workflow_dispatch:
            inputs:
              target:
                type: string
        jobs:
          check:
            runs-on: ubuntu-latest
            environment: \${{ inputs.target }}
            steps:
              - run: ./scripts/check-health.sh
      `,
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
    {
      name: 'a workflow group unique per run beside a job group per target',
      code: yaml`
        on: workflow_dispatch
        concurrency:
          group: \${{ github.workflow }}-\${{ github.head_ref || github.run_id }}
          cancel-in-progress: true
        jobs:
          deploy:
            runs-on: ubuntu-latest
            concurrency: deploy-production
            steps:
              - run: helm upgrade --install web ./chart
      `,
    },
  ],
  invalid: [
    {
      name: 'a deploy gated on a boolean that defaults to a dry run still deploys when the boolean is flipped',
      code: yaml`
        on:
          workflow_dispatch:
            inputs:
              dry_run:
                type: boolean
                default: true
              environment:
                type: choice
                options: [staging, production]
                default: production
        jobs:
          deploy:
            if: \${{ !inputs.dry_run }}
            runs-on: ubuntu-latest
            environment: \${{ inputs.environment }}
            steps:
              - run: ./scripts/publish.sh
      `,
      output: yaml`
        on:
          workflow_dispatch:
            inputs:
              dry_run:
                type: boolean
                default: true
              environment:
                type: choice
                options: [staging, production]
                default: production
        jobs:
          deploy:
            concurrency: \${{ github.workflow }}-deploy
            if: \${{ !inputs.dry_run }}
            runs-on: ubuntu-latest
            environment: \${{ inputs.environment }}
            steps:
              - run: ./scripts/publish.sh
      `,
      errors: [
        {
          messageId: 'missing',
          data: { job: 'deploy', why: 'its environment "production" names a deploy target when workflow_dispatch input "environment" is "production", its default' },
          line: 12,
        },
      ],
    },
    {
      name: 'a dispatch input that defaults to production makes a production deploy',
      code: yaml`
        on:
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
      output: yaml`
        on:
          workflow_dispatch:
            inputs:
              environment:
                type: choice
                options: [staging, production]
                default: production
        jobs:
          deploy:
            concurrency: \${{ github.workflow }}-deploy
            runs-on: ubuntu-latest
            environment: \${{ inputs.environment }}
            steps:
              - run: ./scripts/publish.sh
      `,
      errors: [
        {
          messageId: 'missing',
          data: { job: 'deploy', why: 'its environment "production" names a deploy target when workflow_dispatch input "environment" is "production", its default' },
          line: 9,
        },
      ],
    },
    {
      name: 'a choice option of a dispatch input without default, read through github.event.inputs',
      code: yaml`
        on:
          push:
            branches: [main]
          workflow_dispatch:
            inputs:
              target:
                type: choice
                options: [dev, prod-eu]
        jobs:
          release:
            runs-on: ubuntu-latest
            environment:
              name: \${{ github.event.inputs.target }}
            steps:
              - run: ./scripts/publish.sh
      `,
      output: yaml`
        on:
          push:
            branches: [main]
          workflow_dispatch:
            inputs:
              target:
                type: choice
                options: [dev, prod-eu]
        jobs:
          release:
            concurrency: \${{ github.workflow }}-release
            runs-on: ubuntu-latest
            environment:
              name: \${{ github.event.inputs.target }}
            steps:
              - run: ./scripts/publish.sh
      `,
      errors: [
        {
          messageId: 'missing',
          data: { job: 'release', why: 'its environment "prod-eu" names a deploy target when workflow_dispatch input "target" is "prod-eu", one of its choices' },
          line: 10,
        },
      ],
    },
    {
      name: 'a workflow_call input default names the environment of a workflow that also runs on its own',
      code: yaml`
        on:
          workflow_dispatch:
          workflow_call:
            inputs:
              environment:
                type: string
                default: production
        jobs:
          rollout:
            runs-on: ubuntu-latest
            environment: \${{ inputs.environment }}
            concurrency:
              group: rollout
              cancel-in-progress: true
            steps:
              - run: ./scripts/publish.sh
      `,
      output: yaml`
        on:
          workflow_dispatch:
          workflow_call:
            inputs:
              environment:
                type: string
                default: production
        jobs:
          rollout:
            runs-on: ubuntu-latest
            environment: \${{ inputs.environment }}
            concurrency:
              group: rollout
              cancel-in-progress: false
            steps:
              - run: ./scripts/publish.sh
      `,
      errors: [
        {
          messageId: 'cancelsInProgress',
          data: { job: 'rollout', why: 'its environment "production" names a deploy target when workflow_call input "environment" is "production", its default' },
          line: 14,
        },
      ],
    },
    {
      name: 'a job that also runs helm itself is still a deploy that must not be cancelled',
      code: yaml`
        on: push
        concurrency:
          group: deploy
          cancel-in-progress: true
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - run: helm upgrade --install web ./chart
              - run: flux reconcile ks apps
      `,
      output: yaml`
        on: push
        concurrency:
          group: deploy
          cancel-in-progress: false
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - run: helm upgrade --install web ./chart
              - run: flux reconcile ks apps
      `,
      errors: [{ messageId: 'cancelsInProgress', line: 4, column: 23 }],
    },
    {
      name: 'a deploy run on the server by an ssh action',
      code: yaml`
        on:
          push:
            branches: [main]
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - name: Roll out
                uses: appleboy/ssh-action@v1.2.0
                with:
                  host: \${{ secrets.HOST }}
                  script: |
                    cd /srv/shop
                    docker stack deploy -c stack.yml shop
      `,
      output: yaml`
        on:
          push:
            branches: [main]
        jobs:
          deploy:
            concurrency: \${{ github.workflow }}-deploy
            runs-on: ubuntu-latest
            steps:
              - name: Roll out
                uses: appleboy/ssh-action@v1.2.0
                with:
                  host: \${{ secrets.HOST }}
                  script: |
                    cd /srv/shop
                    docker stack deploy -c stack.yml shop
      `,
      errors: [{ messageId: 'missing', data: { why: 'it runs `docker stack deploy` in step "Roll out"' }, line: 5, column: 3 }],
    },
    {
      name: 'a kubectl wrapper action takes the arguments without `kubectl`',
      code: yaml`
        on:
          push:
            branches: [main]
        jobs:
          release:
            runs-on: ubuntu-latest
            steps:
              - uses: steebchen/kubectl@v2.0.0
                with:
                  config: \${{ secrets.KUBE_CONFIG }}
                  command: set image deployment/api api=ghcr.io/acme/api:\${{ github.sha }}
      `,
      output: yaml`
        on:
          push:
            branches: [main]
        jobs:
          release:
            concurrency: \${{ github.workflow }}-release
            runs-on: ubuntu-latest
            steps:
              - uses: steebchen/kubectl@v2.0.0
                with:
                  config: \${{ secrets.KUBE_CONFIG }}
                  command: set image deployment/api api=ghcr.io/acme/api:\${{ github.sha }}
      `,
      errors: [{ messageId: 'missing', data: { why: 'it runs `kubectl set image` in step "steebchen/kubectl@v2.0.0"' }, line: 5, column: 3 }],
    },
    {
      name: 'a kubectl image run as a step: its args go to kubectl',
      code: yaml`
        on: workflow_dispatch
        jobs:
          rollout:
            runs-on: ubuntu-latest
            steps:
              - uses: docker://bitnami/kubectl:1.30
                with:
                  args: apply -f k8s/production/
      `,
      output: yaml`
        on: workflow_dispatch
        jobs:
          rollout:
            concurrency: \${{ github.workflow }}-rollout
            runs-on: ubuntu-latest
            steps:
              - uses: docker://bitnami/kubectl:1.30
                with:
                  args: apply -f k8s/production/
      `,
      errors: [{ messageId: 'missing', data: { why: 'it runs `kubectl apply` in step "docker://bitnami/kubectl:1.30"' }, line: 3, column: 3 }],
    },
    {
      name: 'a deploy in the script an rsync action runs on the host after copying, input named in capitals',
      code: yaml`
        on: workflow_dispatch
        jobs:
          ship:
            runs-on: ubuntu-latest
            steps:
              - uses: easingthemes/ssh-deploy@v5
                with:
                  REMOTE_HOST: nomad.example.com
                  SOURCE: jobs/
                  SCRIPT_AFTER: nomad job run /srv/jobs/api.nomad.hcl
      `,
      output: yaml`
        on: workflow_dispatch
        jobs:
          ship:
            concurrency: \${{ github.workflow }}-ship
            runs-on: ubuntu-latest
            steps:
              - uses: easingthemes/ssh-deploy@v5
                with:
                  REMOTE_HOST: nomad.example.com
                  SOURCE: jobs/
                  SCRIPT_AFTER: nomad job run /srv/jobs/api.nomad.hcl
      `,
      errors: [{ messageId: 'missing', data: { why: 'it runs `nomad job run` in step "easingthemes/ssh-deploy@v5"' }, line: 3, column: 3 }],
    },
    {
      name: 'a deploy run on the server over ssh',
      code: yaml`
        on:
          push:
            branches: [main]
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - name: Roll out
                run: ssh -i key deploy@prod.example.com "docker stack deploy -c stack.yml shop"
      `,
      output: yaml`
        on:
          push:
            branches: [main]
        jobs:
          deploy:
            concurrency: \${{ github.workflow }}-deploy
            runs-on: ubuntu-latest
            steps:
              - name: Roll out
                run: ssh -i key deploy@prod.example.com "docker stack deploy -c stack.yml shop"
      `,
      errors: [{ messageId: 'missing', data: { why: 'it runs `docker stack deploy` in step "Roll out"' }, line: 5, column: 3 }],
    },
    {
      name: 'a plan and an apply in one job deploy',
      code: yaml`
        on:
          push:
            branches: [main]
        jobs:
          terraform:
            runs-on: ubuntu-latest
            environment: production
            steps:
              - run: terraform plan -out=tfplan
              - run: terraform apply tfplan
    `,
      output: yaml`
        on:
          push:
            branches: [main]
        jobs:
          terraform:
            concurrency: \${{ github.workflow }}-terraform
            runs-on: ubuntu-latest
            environment: production
            steps:
              - run: terraform plan -out=tfplan
              - run: terraform apply tfplan
    `,
      errors: [{ messageId: 'missing', data: { job: 'terraform' } }],
    },
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
            concurrency: \${{ github.workflow }}-deploy
            runs-on: ubuntu-latest
            environment: production
            steps:
              - run: ./deploy.sh
      `,
      errors: [{ messageId: 'missing', data: { job: 'deploy', why: 'its environment "production" names a deploy target' }, line: 3, column: 3 }],
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
      errors: [{ messageId: 'missing', data: { job: 'ship', why: 'it uses `aws-actions/amazon-ecs-deploy-task-definition` in step "aws-actions/amazon-ecs-deploy-task-definition@v2"' } }],
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
      errors: [{ messageId: 'cancelsInProgress', data: { why: 'it runs `terraform apply` in step 1' }, line: 4, column: 23, endColumn: 27 }],
    },
    {
      name: 'docs published with mkdocs gh-deploy on push to main',
      code: yaml`
        on:
          push:
            branches: [main]
        jobs:
          docs:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: pip install mkdocs-material
              - name: Publish
                run: mkdocs gh-deploy --force
      `,
      output: yaml`
        on:
          push:
            branches: [main]
        jobs:
          docs:
            concurrency: \${{ github.workflow }}-docs
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: pip install mkdocs-material
              - name: Publish
                run: mkdocs gh-deploy --force
      `,
      errors: [{ messageId: 'missing', data: { job: 'docs', why: 'it runs `mkdocs gh-deploy` in step "Publish"' }, line: 5, column: 3 }],
    },
    {
      name: 'a site copied to a live bucket',
      code: yaml`
        on:
          push:
            branches: [main]
        jobs:
          site:
            runs-on: ubuntu-latest
            steps:
              - run: npm run build
              - run: aws s3 cp ./dist s3://www.example.com/ --recursive --cache-control max-age=300
      `,
      output: yaml`
        on:
          push:
            branches: [main]
        jobs:
          site:
            concurrency: \${{ github.workflow }}-site
            runs-on: ubuntu-latest
            steps:
              - run: npm run build
              - run: aws s3 cp ./dist s3://www.example.com/ --recursive --cache-control max-age=300
      `,
      errors: [{ messageId: 'missing', data: { why: 'it runs `aws s3 cp` in step 2' } }],
    },
    {
      name: 'a kind cluster does not cover a live bucket in the same job',
      code: yaml`
        on: push
        jobs:
          e2e:
            runs-on: ubuntu-latest
            steps:
              - uses: helm/kind-action@v1
              - run: kubectl apply -f k8s/
              - run: aws s3 sync ./report s3://reports.example.com/e2e
      `,
      output: yaml`
        on: push
        jobs:
          e2e:
            concurrency: \${{ github.workflow }}-e2e
            runs-on: ubuntu-latest
            steps:
              - uses: helm/kind-action@v1
              - run: kubectl apply -f k8s/
              - run: aws s3 sync ./report s3://reports.example.com/e2e
      `,
      errors: [{ messageId: 'missing', data: { why: 'it runs `aws s3 sync` in step 3' } }],
    },
    {
      name: 'the fix gives every matrix leg its own group',
      code: yaml`
        on:
          push:
            branches: [main]
        jobs:
          deploy:
            runs-on: ubuntu-latest
            strategy:
              matrix:
                region: [us-east-1, eu-west-1]
                include:
                  - region: eu-west-1
                    canary: true
            steps:
              - run: cdk deploy --all --require-approval never
                env:
                  AWS_REGION: \${{ matrix.region }}
      `,
      output: yaml`
        on:
          push:
            branches: [main]
        jobs:
          deploy:
            concurrency: \${{ github.workflow }}-deploy-\${{ matrix.region }}-\${{ matrix.canary }}
            runs-on: ubuntu-latest
            strategy:
              matrix:
                region: [us-east-1, eu-west-1]
                include:
                  - region: eu-west-1
                    canary: true
            steps:
              - run: cdk deploy --all --require-approval never
                env:
                  AWS_REGION: \${{ matrix.region }}
      `,
      errors: [{ messageId: 'missing', data: { job: 'deploy', why: 'it runs `cdk deploy` in step 1' } }],
    },
    {
      name: 'no fix when the matrix is only known at run time',
      code: yaml`
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            strategy:
              matrix:
                target: \${{ fromJSON(vars.TARGETS) }}
            environment: production
            steps:
              - run: ./deploy.sh "\${{ matrix.target }}"
      `,
      output: null,
      errors: [{ messageId: 'missing', data: { job: 'deploy' } }],
    },
    {
      name: 'environment names with a target word, also around an expression',
      code: yaml`
        on:
          push:
            branches: [main]
        jobs:
          eu:
            runs-on: ubuntu-latest
            environment:
              name: prod-\${{ vars.REGION }}
            steps:
              - run: ./deploy.sh
      `,
      output: yaml`
        on:
          push:
            branches: [main]
        jobs:
          eu:
            concurrency: \${{ github.workflow }}-eu
            runs-on: ubuntu-latest
            environment:
              name: prod-\${{ vars.REGION }}
            steps:
              - run: ./deploy.sh
      `,
      errors: [{ messageId: 'missing', data: { why: 'its environment "prod-${{ vars.REGION }}" names a deploy target' } }],
    },
    {
      name: 'a release image push on tag pushes',
      code: yaml`
        on:
          push:
            tags: ['v*']
        jobs:
          image:
            runs-on: ubuntu-latest
            steps:
              - uses: docker/build-push-action@v6
                with:
                  push: true
                  tags: ghcr.io/acme/api:\${{ github.ref_name }}
      `,
      output: yaml`
        on:
          push:
            tags: ['v*']
        jobs:
          image:
            concurrency: \${{ github.workflow }}-image
            runs-on: ubuntu-latest
            steps:
              - uses: docker/build-push-action@v6
                with:
                  push: true
                  tags: ghcr.io/acme/api:\${{ github.ref_name }}
      `,
      errors: [{ messageId: 'missing', data: { why: 'it uses `docker/build-push-action` in step "docker/build-push-action@v6"' } }],
    },
    {
      name: 'an image push in a job that only runs for tags is a release',
      code: yaml`
        on:
          push:
            branches: [main]
            tags: ['v*']
        jobs:
          publish:
            if: startsWith(github.ref, 'refs/tags/')
            runs-on: ubuntu-latest
            steps:
              - run: docker push "ghcr.io/acme/api:$GITHUB_REF_NAME"
      `,
      output: yaml`
        on:
          push:
            branches: [main]
            tags: ['v*']
        jobs:
          publish:
            concurrency: \${{ github.workflow }}-publish
            if: startsWith(github.ref, 'refs/tags/')
            runs-on: ubuntu-latest
            steps:
              - run: docker push "ghcr.io/acme/api:$GITHUB_REF_NAME"
      `,
      errors: [{ messageId: 'missing', data: { why: 'it runs `docker push` in step 1' } }],
    },
    {
      name: 'workflow-wide cancel-in-progress over CI and deploy jobs: reported without a fix',
      code: yaml`
        on:
          push:
            branches: [main]
          pull_request:
        concurrency:
          group: \${{ github.workflow }}-\${{ github.ref }}
          cancel-in-progress: true
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - run: make test
          deploy:
            needs: test
            if: github.ref == 'refs/heads/main'
            runs-on: ubuntu-latest
            steps:
              - run: helm upgrade --install api ./chart
      `,
      output: null,
      errors: [{ messageId: 'cancelsInProgress', data: { job: 'deploy' }, line: 7, column: 23 }],
    },
    {
      name: 'workflow-wide cancel-in-progress also cancels a job with its own group',
      code: yaml`
        on: push
        concurrency:
          group: ci-\${{ github.ref }}
          cancel-in-progress: true
        jobs:
          lint:
            runs-on: ubuntu-latest
            steps:
              - run: make lint
          deploy:
            runs-on: ubuntu-latest
            concurrency: deploy-production
            environment: production
            steps:
              - run: ./deploy.sh
      `,
      output: null,
      errors: [{ messageId: 'cancelsInProgress', data: { job: 'deploy' }, line: 4 }],
    },
    {
      name: 'job-level cancel-in-progress is fixed in place',
      code: yaml`
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            concurrency:
              group: deploy-\${{ github.ref }}
              cancel-in-progress: true
            steps:
              - run: flyctl deploy --remote-only
      `,
      output: yaml`
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            concurrency:
              group: deploy-\${{ github.ref }}
              cancel-in-progress: false
            steps:
              - run: flyctl deploy --remote-only
      `,
      errors: [{ messageId: 'cancelsInProgress', data: { why: 'it runs `flyctl deploy` in step 1' }, line: 7, column: 27 }],
    },
    {
      name: 'the caller passes the environment that makes the called job a deploy',
      code: yaml`
        on:
          push:
            branches: [main]
        jobs:
          staging:
            uses: ./.github/workflows/release-env.yml
            with:
              environment: staging
          sandbox:
            uses: ./.github/workflows/release-env.yml
            with:
              environment: sandbox-tests
      `,
      files: {
        '.github/workflows/release-env.yml': yaml`
          on:
            workflow_call:
              inputs:
                environment:
                  type: string
                  required: true
          jobs:
            publish:
              runs-on: ubuntu-latest
              environment: \${{ inputs.environment }}
              steps:
                - run: ./scripts/publish.sh
        `,
      },
      output: yaml`
        on:
          push:
            branches: [main]
        jobs:
          staging:
            concurrency: \${{ github.workflow }}-staging
            uses: ./.github/workflows/release-env.yml
            with:
              environment: staging
          sandbox:
            uses: ./.github/workflows/release-env.yml
            with:
              environment: sandbox-tests
      `,
      errors: [{ messageId: 'missingForCall', data: { job: 'staging', target: 'publish', why: 'its environment "staging" names a deploy target' }, line: 5 }],
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
      errors: [{ messageId: 'missingForCall', data: { job: 'production', target: 'rollout', why: 'it runs `helm upgrade` in step 1' }, line: 3 }],
    },
    {
      name: 'a group that falls back to the run id on events without a head ref is unique per run',
      code: yaml`
        on: workflow_dispatch
        concurrency:
          group: \${{ github.workflow }}-\${{ github.head_ref || github.run_id }}
          cancel-in-progress: true
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - run: helm upgrade --install web ./chart
      `,
      output: yaml`
        on: workflow_dispatch
        concurrency:
          group: \${{ github.workflow }}-\${{ github.head_ref || github.run_id }}
          cancel-in-progress: true
        jobs:
          deploy:
            concurrency: \${{ github.workflow }}-deploy
            runs-on: ubuntu-latest
            steps:
              - run: helm upgrade --install web ./chart
      `,
      errors: [
        {
          messageId: 'perRun',
          data: { job: 'deploy', why: 'it runs `helm upgrade` in step 1', part: 'github.run_id' },
          line: 3,
          column: 10,
        },
      ],
    },
    {
      name: 'a job group naming the run id serialises nothing',
      code: yaml`
        on:
          push:
            branches: [main]
        jobs:
          deploy:
            runs-on: ubuntu-latest
            environment: production
            concurrency: deploy-\${{ github.run_id }}
            steps:
              - run: ./deploy.sh
      `,
      errors: [{ messageId: 'perRun', data: { job: 'deploy', part: 'github.run_id' }, line: 8, column: 18 }],
    },
    {
      name: 'a deploy job kept to pushes on a workflow that also runs for pull requests: its group is per run',
      code: yaml`
        on: [push, pull_request]
        concurrency:
          group: ci-\${{ github.head_ref || github.run_id }}
          cancel-in-progress: true
        jobs:
          deploy:
            if: github.event_name == 'push'
            runs-on: ubuntu-latest
            steps:
              - run: terraform apply -auto-approve
      `,
      output: yaml`
        on: [push, pull_request]
        concurrency:
          group: ci-\${{ github.head_ref || github.run_id }}
          cancel-in-progress: true
        jobs:
          deploy:
            concurrency: \${{ github.workflow }}-deploy
            if: github.event_name == 'push'
            runs-on: ubuntu-latest
            steps:
              - run: terraform apply -auto-approve
      `,
      errors: [{ messageId: 'perRun', data: { job: 'deploy', part: 'github.run_id' }, line: 3 }],
    },
  ],
});
