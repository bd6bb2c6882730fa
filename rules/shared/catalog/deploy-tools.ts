import type { CommandSignature, ToolCatalog } from './types.js';

/** Flags that turn a deploy command into a preview of one. */
const PREVIEW_FLAGS = ['--dry-run', '--dryrun', '--no-execute-changeset', '--no-execute', '--preview-only', '--plan-only', '--noDeploy'];

/**
 * A command that changes a running environment: never as a preview (`--dry-run`), never when it talks to
 * this machine (`--endpoint-url http://localhost:4566`, `--context kind-ci`).
 */
function deploy(run: string, conditions: Omit<CommandSignature, 'run' | 'unless' | 'remote'> = {}): CommandSignature {
  return { run, ...conditions, unless: PREVIEW_FLAGS, remote: true };
}

const S3 = ['s3://'];
const GCS = ['gs://'];

/**
 * Actions, commands and Jenkins steps that change a running environment: a cluster, a cloud service, a
 * bucket that serves a site, a hosting platform, or a registry tag that is a release. Shared by every
 * pipeline language; a job (or stage) deploys when it runs one of these against something that outlives it.
 */
export const deployTools: ToolCatalog = [
  {
    name: 'kubernetes',
    title: 'Kubernetes',
    actions: ['azure/k8s-deploy', 'deliverybot/helm', 'wahyd4/kubectl-helm-action', 'bitovi/github-actions-deploy-eks-helm', 'koslib/helm-eks-action'],
    commands: [
      deploy('kubectl apply'),
      deploy('kubectl replace'),
      deploy('kubectl set image'),
      deploy('kubectl rollout restart'),
      deploy('kubectl rollout undo'),
      deploy('oc apply'),
      deploy('oc rollout latest'),
      deploy('helm upgrade'),
      deploy('helm install'),
      deploy('helm rollback'),
      deploy('helmfile apply'),
      deploy('helmfile sync'),
      deploy('helmfile deploy'),
      deploy('skaffold run'),
      deploy('skaffold deploy'),
      deploy('kapp deploy'),
      deploy('argocd app sync'),
      deploy('flux reconcile'),
    ],
    jenkinsSteps: ['kubernetesDeploy'],
  },
  {
    name: 'terraform',
    title: 'Terraform / OpenTofu / Pulumi',
    actions: ['hashicorp/tfc-workflows-github/actions/apply-run', { uses: 'pulumi/actions', inputs: [{ name: 'command', contains: ['up', 'update'] }] }],
    commands: [
      deploy('terraform apply'),
      deploy('terragrunt apply'),
      deploy('terragrunt run-all apply'),
      deploy('terragrunt run --all apply'),
      deploy('tofu apply'),
      deploy('pulumi up'),
      deploy('cdktf deploy'),
    ],
  },
  {
    name: 'aws',
    title: 'AWS',
    actions: [
      'aws-actions/amazon-ecs-deploy-task-definition',
      'aws-actions/aws-cloudformation-github-deploy',
      'einaregilsson/beanstalk-deploy',
      'appleboy/lambda-action',
      'jakejarvis/s3-sync-action',
    ],
    commands: [
      deploy('aws ecs update-service'),
      deploy('aws deploy create-deployment'),
      deploy('aws cloudformation deploy'),
      deploy('aws cloudformation update-stack'),
      deploy('aws lambda update-function-code'),
      deploy('aws s3 sync', { destination: S3 }),
      deploy('aws s3 cp', { destination: S3 }),
      deploy('aws apprunner start-deployment'),
      deploy('sam deploy'),
      deploy('cdk deploy'),
      deploy('serverless deploy'),
      deploy('sls deploy'),
      deploy('eb deploy'),
      deploy('copilot deploy'),
      deploy('copilot svc deploy'),
    ],
  },
  {
    name: 'azure',
    title: 'Azure',
    actions: ['azure/webapps-deploy', 'azure/functions-action', 'azure/arm-deploy', 'azure/static-web-apps-deploy', 'azure/container-apps-deploy-action', 'azure/aci-deploy'],
    commands: [
      deploy('az webapp deploy'),
      deploy('az webapp up'),
      deploy('az webapp deployment'),
      deploy('az functionapp deployment'),
      deploy('az containerapp update'),
      deploy('az containerapp up'),
      deploy('az deployment group create'),
      deploy('az deployment sub create'),
      deploy('azd deploy'),
      deploy('azd up'),
    ],
    jenkinsSteps: ['azureWebAppPublish', 'azureFunctionAppPublish'],
  },
  {
    name: 'gcp',
    title: 'Google Cloud',
    actions: ['google-github-actions/deploy-cloudrun', 'google-github-actions/deploy-appengine', 'google-github-actions/deploy-cloud-functions'],
    commands: [
      deploy('gcloud run deploy'),
      deploy('gcloud run services update'),
      deploy('gcloud app deploy'),
      deploy('gcloud functions deploy'),
      deploy('gcloud deploy releases create'),
      deploy('gcloud storage cp', { destination: GCS }),
      deploy('gcloud storage rsync', { destination: GCS }),
      deploy('gsutil cp', { destination: GCS }),
      deploy('gsutil rsync', { destination: GCS }),
    ],
  },
  {
    name: 'paas',
    title: 'Hosting platforms',
    actions: [
      { uses: 'cloudflare/wrangler-action', inputs: [{ name: 'command', contains: ['deploy', 'publish'], byDefault: true }] },
      'cloudflare/pages-action',
      { uses: 'amondnet/vercel-action', inputs: [{ name: 'vercel-args', contains: ['--prod'] }] },
      { uses: 'nwtgck/actions-netlify', inputs: [{ name: 'production-deploy', contains: ['true'] }] },
      { uses: 'superfly/flyctl-actions', exact: true, inputs: [{ name: 'args', contains: ['deploy'] }] },
      { uses: 'firebaseextended/action-hosting-deploy', inputs: [{ name: 'channelid', contains: ['live'] }] },
      { uses: 'w9jds/firebase-action', inputs: [{ name: 'args', contains: ['deploy'] }] },
      'akhileshns/heroku-deploy',
      'digitalocean/app_action',
    ],
    commands: [
      deploy('flyctl deploy'),
      deploy('fly deploy'),
      deploy('vercel deploy', { flags: ['--prod'] }),
      deploy('vercel', { flags: ['--prod'] }),
      deploy('netlify deploy', { flags: ['--prod', '--prodIfUnlocked'] }),
      deploy('firebase deploy'),
      deploy('wrangler deploy'),
      deploy('wrangler publish'),
      deploy('wrangler pages deploy'),
      deploy('heroku container:release'),
      deploy('heroku releases:rollback'),
      deploy('railway up'),
      deploy('kamal deploy'),
      deploy('cap', { anyArg: ['deploy'] }),
      deploy('doctl apps create-deployment'),
    ],
  },
  {
    name: 'pages',
    title: 'Static site publishing',
    actions: ['actions/deploy-pages', 'peaceiris/actions-gh-pages', 'jamesives/github-pages-deploy-action', 'crazy-max/ghaction-github-pages'],
    commands: [deploy('mkdocs gh-deploy'), deploy('ghp-import', { flags: ['-p', '--push'] }), deploy('gh-pages', { flags: ['-d', '--dist'] })],
  },
  {
    name: 'container-release',
    title: 'Container image release',
    actions: [{ uses: 'docker/build-push-action', inputs: [{ name: 'push', contains: ['true'] }], releaseTagInput: 'tags' }],
    commands: [
      deploy('docker push', { releaseTag: true }),
      deploy('docker image push', { releaseTag: true }),
      deploy('docker buildx build', { flags: ['--push'], releaseTag: true }),
      deploy('podman push', { releaseTag: true }),
      deploy('docker manifest push', { releaseTag: true }),
      deploy('docker buildx imagetools create', { releaseTag: true }),
      deploy('buildah push', { releaseTag: true }),
      deploy('crane push', { releaseTag: true }),
      deploy('crane copy', { releaseTag: true }),
      deploy('skopeo copy', { releaseTag: true }),
      deploy('oras push', { releaseTag: true }),
    ],
  },
  { name: 'ansible', title: 'Ansible', commands: [deploy('ansible-playbook')], jenkinsSteps: ['ansiblePlaybook'] },
  {
    name: 'orchestrators',
    title: 'Docker Swarm and Nomad',
    commands: [deploy('docker stack deploy'), deploy('docker service update'), deploy('nomad job run'), deploy('nomad run'), deploy('levant deploy')],
  },
];

/**
 * Deploy commands (by their catalog label) that only ask a GitOps controller in the cluster to roll out
 * what it already tracks. The controller applies the change and serialises requests itself, so two
 * pipelines asking at once, or one stopped half-way, leave nothing half-updated.
 */
export const controllerRequests: ReadonlySet<string> = new Set(['flux reconcile', 'argocd app sync']);
