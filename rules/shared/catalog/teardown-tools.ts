import type { ToolCatalog } from './types.js';

/**
 * Commands and actions that remove what a deploy made: a job that runs them is a cleanup, and the region
 * it names is where something is taken down, not a place the service runs.
 */
export const teardownTools: ToolCatalog = [
  { name: 'kubernetes', title: 'Kubernetes', commands: ['kubectl delete', 'helm uninstall', 'helm delete', 'helmfile destroy', 'skaffold delete', 'kind delete cluster', 'k3d cluster delete'] },
  { name: 'terraform', title: 'Terraform / OpenTofu / Pulumi', commands: ['terraform destroy', 'tofu destroy', 'terragrunt destroy', 'terragrunt run-all destroy', 'pulumi destroy', 'cdktf destroy'] },
  {
    name: 'aws',
    title: 'AWS',
    commands: ['aws cloudformation delete-stack', 'aws ecs delete-service', 'aws s3 rm', 'aws s3 rb', 'cdk destroy', 'serverless remove', 'sls remove', 'sam delete', 'copilot svc delete', 'eb terminate'],
  },
  { name: 'azure', title: 'Azure', commands: ['az group delete', 'az webapp delete', 'az containerapp delete', 'azd down'] },
  { name: 'gcp', title: 'Google Cloud', commands: ['gcloud run services delete', 'gcloud app versions delete', 'gcloud functions delete', 'gsutil rm', 'gcloud storage rm'] },
  { name: 'paas', title: 'Hosting platforms', commands: ['flyctl apps destroy', 'fly apps destroy', 'vercel remove', 'heroku apps:destroy'] },
];
