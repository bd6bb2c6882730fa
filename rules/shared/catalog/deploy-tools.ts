import type { ToolCatalog } from './types.js';

/** Actions, commands and Jenkins steps that change a running environment. */
export const deployTools: ToolCatalog = [
  {
    name: 'kubernetes',
    title: 'Kubernetes',
    actions: ['azure/k8s-deploy', 'deliverybot/helm', 'wahyd4/kubectl-helm-action'],
    commands: ['kubectl apply', 'kubectl set image', 'kubectl replace', 'kubectl rollout restart', 'helm upgrade', 'helm install', 'helmfile apply', 'helmfile sync', 'skaffold run', 'skaffold deploy', 'argocd app sync'],
    jenkinsSteps: ['kubernetesDeploy'],
  },
  { name: 'terraform', title: 'Terraform', actions: ['hashicorp/tfc-workflows-github/actions/apply-run'], commands: ['terraform apply', 'terragrunt apply', 'terragrunt run-all apply', 'tofu apply', 'pulumi up'] },
  {
    name: 'aws',
    title: 'AWS',
    actions: ['aws-actions/amazon-ecs-deploy-task-definition', 'aws-actions/aws-cloudformation-github-deploy'],
    commands: ['aws ecs update-service', 'aws deploy create-deployment', 'aws cloudformation deploy', 'aws lambda update-function-code', 'sam deploy', 'cdk deploy', 'serverless deploy', 'sls deploy', 'eb deploy', 'copilot deploy'],
  },
  {
    name: 'azure',
    title: 'Azure',
    actions: ['azure/webapps-deploy', 'azure/functions-action', 'azure/arm-deploy', 'azure/static-web-apps-deploy', 'azure/container-apps-deploy-action'],
    commands: ['az webapp deploy', 'az webapp deployment', 'az functionapp deployment', 'az containerapp update', 'az deployment group create'],
    jenkinsSteps: ['azureWebAppPublish', 'azureFunctionAppPublish'],
  },
  {
    name: 'gcp',
    title: 'Google Cloud',
    actions: ['google-github-actions/deploy-cloudrun', 'google-github-actions/deploy-appengine', 'google-github-actions/deploy-cloud-functions'],
    commands: ['gcloud run deploy', 'gcloud app deploy', 'gcloud functions deploy', 'gcloud deploy releases create'],
  },
  {
    name: 'paas',
    title: 'Hosting platforms',
    actions: [
      'cloudflare/wrangler-action',
      'cloudflare/pages-action',
      'amondnet/vercel-action',
      'superfly/flyctl-actions',
      'akhileshns/heroku-deploy',
      'digitalocean/app_action',
      'peaceiris/actions-gh-pages',
      'jamesives/github-pages-deploy-action',
      'actions/deploy-pages',
    ],
    commands: ['flyctl deploy', 'fly deploy', 'vercel deploy', 'vercel --prod', 'netlify deploy', 'firebase deploy', 'wrangler deploy', 'wrangler publish', 'heroku container:release', 'kamal deploy', 'cap production deploy'],
  },
  { name: 'ansible', title: 'Ansible', commands: ['ansible-playbook'], jenkinsSteps: ['ansiblePlaybook'] },
];
