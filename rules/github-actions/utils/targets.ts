import type { Value } from '@nospof/core';
import { stepScript, stringIn, type Arg, type Job, type Scope, type Text, type Workflow } from '@nospof/github-actions';
import { deployToolOf } from './deploy.js';

export type TargetKind = 'region' | 'cluster';

/** One place a deploy job names where it deploys. */
export interface DeployTarget {
  readonly kind: TargetKind;
  readonly value: Value<string>;
  readonly text: Text;
}

const INPUTS: Readonly<Record<string, TargetKind>> = {
  'aws-region': 'region',
  region: 'region',
  location: 'region',
  'gcp-region': 'region',
  cluster: 'cluster',
  'cluster-name': 'cluster',
  cluster_name: 'cluster',
  'kube-context': 'cluster',
  context: 'cluster',
};

const ENV: Readonly<Record<string, TargetKind>> = {
  AWS_REGION: 'region',
  AWS_DEFAULT_REGION: 'region',
  CLOUDSDK_COMPUTE_REGION: 'region',
  CLOUDSDK_RUN_REGION: 'region',
  GCP_REGION: 'region',
  AZURE_LOCATION: 'region',
  REGION: 'region',
  DEPLOY_REGION: 'region',
  CLUSTER: 'cluster',
  CLUSTER_NAME: 'cluster',
  EKS_CLUSTER: 'cluster',
  EKS_CLUSTER_NAME: 'cluster',
  GKE_CLUSTER: 'cluster',
  AKS_CLUSTER: 'cluster',
  KUBE_CONTEXT: 'cluster',
};

/** Actions that choose the region or cluster later deploy steps talk to. */
const CONTEXT_ACTIONS = /^(?:aws-actions\/configure-aws-credentials|google-github-actions\/get-gke-credentials|azure\/aks-set-context|azure\/k8s-set-context)@/i;

const FLAGS: readonly [RegExp, TargetKind][] = [
  [/--region[= ]+(['"]?)(\$\{\{[^}]*\}\}|[^\s'"]+)\1/g, 'region'],
  [/--location[= ]+(['"]?)(\$\{\{[^}]*\}\}|[^\s'"]+)\1/g, 'region'],
  [/--cluster(?:-name)?[= ]+(['"]?)(\$\{\{[^}]*\}\}|[^\s'"]+)\1/g, 'cluster'],
  [/--(?:kube-)?context[= ]+(['"]?)(\$\{\{[^}]*\}\}|[^\s'"]+)\1/g, 'cluster'],
];

function fromArgs(args: readonly Arg[], names: Readonly<Record<string, TargetKind>>, scope: Scope): DeployTarget[] {
  return args.flatMap((arg) => {
    const kind = names[arg.name];
    return kind ? [{ kind, value: stringIn(arg.value, scope), text: arg.value }] : [];
  });
}

/** Values given as `--region x` in a script; shell variables (`$REGION`) are only known at run time. */
function fromScript(script: string, at: Text, scope: Scope): DeployTarget[] {
  const found: DeployTarget[] = [];
  for (const [pattern, kind] of FLAGS) {
    for (const match of script.matchAll(pattern)) {
      const raw = match[2] as string;
      const text: Text = { text: raw, range: at.range, dynamic: raw.includes('${{') };
      const value: Value<string> =
        raw.startsWith('$') && !raw.startsWith('${{') ? { known: false, reason: `\`${raw}\` is a shell variable`, range: at.range } : stringIn(text, scope);
      found.push({ kind, value, text });
    }
  }
  return found;
}

/** Where a deploy job deploys, in one scope: deploy inputs, environment variables, CLI flags. */
export function deployTargets(workflow: Workflow | undefined, job: Job, scope: Scope): DeployTarget[] {
  const targets: DeployTarget[] = [...fromArgs(workflow?.env ?? [], ENV, scope), ...fromArgs(job.env, ENV, scope)];
  for (const step of job.steps) {
    targets.push(...fromArgs(step.env, ENV, scope));
    const deploys = deployToolOf(step) !== undefined;
    if (deploys || CONTEXT_ACTIONS.test(step.uses?.value.text ?? '')) targets.push(...fromArgs(step.with, INPUTS, scope));
    if (deploys && step.run) targets.push(...fromScript(stepScript(step), step.run.text, scope));
  }
  return targets;
}
