import type { ToolCatalog } from './types.js';

/** Flags that turn a deploy command into a preview of one (as in `deploy-tools.ts`). */
const DRY_RUN = ['--dry-run', '--dryrun', '--no-execute-changeset', '--no-execute', '--preview-only', '--plan-only'];

/**
 * Commands and actions that show what a deploy would change without changing it: a plan, a diff, a dry
 * run. A job that runs one of these against an environment reads the target (with its credentials), it
 * does not deploy to it.
 */
export const previewTools: ToolCatalog = [
  {
    name: 'terraform',
    title: 'Terraform / OpenTofu / Pulumi / CDK preview',
    actions: [
      'dflook/terraform-plan',
      'dflook/tofu-plan',
      'hashicorp/tfc-workflows-github/actions/create-run',
      { uses: 'pulumi/actions', inputs: [{ name: 'command', contains: ['preview'] }] },
    ],
    commands: [
      'terraform plan',
      'tofu plan',
      'terragrunt plan',
      'terragrunt run-all plan',
      'terragrunt run --all plan',
      'pulumi preview',
      'cdktf diff',
      'cdk diff',
    ],
  },
  {
    name: 'kubernetes',
    title: 'Kubernetes diff or dry run',
    commands: [
      'kubectl diff',
      'helm diff',
      'helmfile diff',
      { run: 'kubectl apply', flags: DRY_RUN },
      { run: 'helm upgrade', flags: DRY_RUN },
      { run: 'helm install', flags: DRY_RUN },
    ],
  },
  {
    name: 'aws',
    title: 'AWS change set preview',
    commands: [{ run: 'aws cloudformation deploy', flags: DRY_RUN }, 'aws cloudformation create-change-set', { run: 'sam deploy', flags: DRY_RUN }],
  },
];
