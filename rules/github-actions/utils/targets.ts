import type { Value } from '@nospof/core';
import { actionName, stringIn, type Arg, type GithubActionsIndex, type Job, type Scope, type Step, type Text, type Workflow } from '@nospof/github-actions';
import { teardownTools } from '../../shared/catalog/index.js';
import { deployStepsOf } from './deploy.js';
import { preparedScript, stepTools } from './tools.js';

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
};

/**
 * Inputs of the context actions: there `context` names a kubeconfig context. On other actions it is
 * something else (the build context directory of `docker/build-push-action`), never a target.
 */
const CONTEXT_INPUTS: Readonly<Record<string, TargetKind>> = { ...INPUTS, context: 'cluster' };

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
const CONTEXT_ACTIONS = new Set([
  'aws-actions/configure-aws-credentials',
  'google-github-actions/get-gke-credentials',
  'azure/aks-set-context',
  'azure/k8s-set-context',
]);

const FLAGS: Readonly<Record<string, TargetKind>> = {
  '--region': 'region',
  '--location': 'region',
  '--cluster': 'cluster',
  '--cluster-name': 'cluster',
  '--context': 'cluster',
  '--kube-context': 'cluster',
};

/** Region values that are not one place: Cloudflare's `auto`, multi-region locations, placeholders. */
const NOT_A_REGION = new Set(['', 'auto', 'global', 'all', 'any', 'default', 'none', 'local', 'localhost', 'us', 'eu', 'asia', 'multi-region']);
const AWS_REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
const GCP_REGION = /^[a-z]+-[a-z]+\d{1,2}$/;
const AZURE_REGION = /^[a-z]+\d?$/;
const COMPASS = ['east', 'west', 'north', 'south', 'central'];

/** A value that names one cloud region (`us-east-1`, `europe-west4`, `westeurope`); not `auto` or a multi-region. */
export function isRealRegion(value: string): boolean {
  const v = value.trim().toLowerCase().replace(/ /g, '');
  if (v.length > 40 || NOT_A_REGION.has(v)) return false;
  if (AWS_REGION.test(v) || GCP_REGION.test(v)) return true;
  return AZURE_REGION.test(v) && COMPASS.some((c) => v.includes(c));
}

function fromArgs(args: readonly Arg[], names: Readonly<Record<string, TargetKind>>, scope: Scope): DeployTarget[] {
  return args.flatMap((arg) => {
    const kind = names[arg.name];
    return kind ? [{ kind, value: stringIn(arg.value, scope), text: arg.value }] : [];
  });
}

/** Values given as `--region x` / `--region=x` to the commands of a step; shell variables are known only at run time. */
function fromScript(step: Step, at: Text, scope: Scope): DeployTarget[] {
  const found: DeployTarget[] = [];
  for (const command of preparedScript(step).commands()) {
    command.args.forEach((arg, i) => {
      const eq = arg.indexOf('=');
      const flag = (eq === -1 ? arg : arg.slice(0, eq)).toLowerCase();
      const kind = FLAGS[flag];
      if (!kind) return;
      const raw = eq === -1 ? command.args[i + 1] : arg.slice(eq + 1);
      if (raw === undefined || raw.startsWith('-')) return;
      const text: Text = { text: raw, range: at.range, dynamic: raw.includes('${{') };
      const value: Value<string> =
        raw.includes('$') && !text.dynamic ? { known: false, reason: `\`${raw}\` is a shell variable`, range: at.range } : stringIn(text, scope);
      found.push({ kind, value, text });
    });
  }
  return found;
}

/** Only real settings count: a region must name one region; a value known only at run time stays Unknown. */
function real(target: DeployTarget): boolean {
  if (target.kind !== 'region' || !target.value.known) return true;
  return isRealRegion(target.value.value);
}

/** Where a deploy job deploys, in one scope: deploy inputs, environment variables, CLI flags of its deploy steps. */
export function deployTargets(workflow: Workflow | undefined, job: Job, scope: Scope, index?: GithubActionsIndex): DeployTarget[] {
  const targets: DeployTarget[] = [...fromArgs(workflow?.env ?? [], ENV, scope), ...fromArgs(job.env, ENV, scope)];
  const deploying = new Set(deployStepsOf(job, { index, workflow, scope }).map((d) => d.step));
  for (const step of job.steps) {
    targets.push(...fromArgs(step.env, ENV, scope));
    const deploys = deploying.has(step);
    const action = actionName(step.uses);
    if (action !== undefined && CONTEXT_ACTIONS.has(action)) targets.push(...fromArgs(step.with, CONTEXT_INPUTS, scope));
    else if (deploys) targets.push(...fromArgs(step.with, INPUTS, scope));
    const at = step.run?.text ?? step.uses?.value;
    if (deploys && at) targets.push(...fromScript(step, at, scope));
  }
  return targets.filter(real);
}

const CLEANUP_WORDS = new Set(['cleanup', 'clean', 'teardown', 'tear', 'destroy', 'delete', 'remove', 'prune', 'decommission', 'undeploy', 'uninstall']);

/** A job that takes things down: named for it (`cleanup-preview`), or running teardown commands (`terraform destroy`). */
export function isCleanupJob(job: Job): boolean {
  const names = [job.id, job.name?.text ?? ''].join(' ').toLowerCase().split(/[^a-z0-9]+/);
  if (names.some((w) => CLEANUP_WORDS.has(w))) return true;
  return job.steps.some((step) => stepTools(step, teardownTools).length > 0);
}
