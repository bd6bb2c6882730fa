import {
  jobScopesInOrOpaque,
  jobScopesOrOpaque,
  stringIn,
  workflowInputScopes,
  type InputPick,
  type Action,
  type GithubActionsIndex,
  type Job,
  type Scope,
  type Step,
  type Text,
  type Workflow,
} from '@nospof/github-actions';
import { deployTools, localTargets, previewTools, toolForImage, type LocalTargetSignature, type ToolSignature } from '../../shared/catalog/index.js';
import { stepPhrase } from './step-label.js';
import { stepToolUses, stepTools } from './tools.js';
import { isReleaseOnly } from './triggers.js';

/** A step that deploys: it runs a command or uses an action of the shared deploy catalog. */
export interface DeployStep {
  readonly step: Step;
  /** The file the step is written in (a composite action's steps live in its `action.yml`). */
  readonly file: string;
  /** The catalog's name for the kind of tool (`kubernetes`, `aws`). */
  readonly tool: string;
  /** What it runs: `helm upgrade`, `azure/webapps-deploy`. */
  readonly what: string;
  readonly via: 'action' | 'command';
}

/** Why a job counts as a deploy. */
export type DeployReason =
  | { readonly kind: 'step'; readonly deploy: DeployStep }
  | {
      readonly kind: 'environment';
      readonly name: string;
      readonly text: Text;
      /** The declared input value that names the environment, when the name comes from an input. */
      readonly pick?: InputPick;
    };

/** What a job's deploy steps are judged with: the run's index (local actions) and the scope of its expressions. */
export interface DeployContext {
  readonly index?: GithubActionsIndex | undefined;
  readonly workflow?: Workflow | undefined;
  readonly scope?: Scope | undefined;
}

/** Words of an environment name that mark a real, long-lived target. */
const TARGET_WORDS = new Set(['production', 'prod', 'prd', 'live', 'staging', 'stage', 'stg', 'preprod', 'preproduction', 'uat']);

/** How deep local composite actions are followed (an action using an action using an action). */
const MAX_ACTION_DEPTH = 3;

/** True when the name of an environment marks a real target (`production`, `prod-eu`, `staging-2`). */
export function namesRealTarget(name: string): boolean {
  let word = '';
  for (const ch of name.toLowerCase()) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
      word += ch;
      continue;
    }
    if (TARGET_WORDS.has(word)) return true;
    word = '';
  }
  return TARGET_WORDS.has(word);
}

/** The text of `${{ }}` templates with the expressions taken out: what is certain whatever they hold. */
function literalParts(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const start = text.indexOf('${{', from);
    if (start === -1) return out + text.slice(from);
    out += `${text.slice(from, start)} `;
    const end = text.indexOf('}}', start + 3);
    if (end === -1) return out;
    from = end + 2;
  }
}

/** The declared input value of `scope` that an expression reads (`inputs.x`, `github.event.inputs.x`), if any. */
function pickIn(text: string, scope: Scope | undefined): InputPick | undefined {
  if (!scope?.picks) return undefined;
  for (const match of text.matchAll(/\binputs\.([\w-]+)/g)) {
    const pick = match[1] === undefined ? undefined : scope.picks[match[1]];
    if (pick) return pick;
  }
  return undefined;
}

/** The environment a job deploys to, when its name (known in `scope`, or its literal part) marks a real target. */
export function environmentTarget(job: Job, scope: Scope | undefined): DeployReason | undefined {
  const text = job.environment?.name;
  if (!text) return undefined;
  if (!text.dynamic) return namesRealTarget(text.text) ? { kind: 'environment', name: text.text, text } : undefined;
  const value = stringIn(text, scope);
  if (value.known) {
    if (!namesRealTarget(value.value)) return undefined;
    const pick = pickIn(text.text, scope);
    return pick ? { kind: 'environment', name: value.value, text, pick } : { kind: 'environment', name: value.value, text };
  }
  return namesRealTarget(literalParts(text.text)) ? { kind: 'environment', name: text.text, text } : undefined;
}

const releaseWorkflows = new WeakMap<Workflow, boolean>();

/** A job publishes a release: its workflow runs only for releases or tag pushes, or its `if:` requires a tag. */
export function isReleaseJob(job: Job, workflow: Workflow | undefined): boolean {
  if (workflow) {
    let release = releaseWorkflows.get(workflow);
    if (release === undefined) {
      release = isReleaseOnly(workflow);
      releaseWorkflows.set(workflow, release);
    }
    if (release) return true;
  }
  if (job.if === undefined) return false;
  const condition = job.if?.text ?? '';
  return condition.includes('refs/tags/') || /\bgithub\.event_name\s*==\s*'release'/.test(condition);
}

/** Deploy tools whose targets the steps create on the runner itself (a kind cluster, LocalStack). */
function localCovers(steps: readonly Step[], file: string, index: GithubActionsIndex | undefined, into: Set<string>, depth: number): void {
  for (const step of steps) {
    for (const target of stepTools(step, localTargets)) for (const covered of coversOf(target)) into.add(covered);
    const action = depth < MAX_ACTION_DEPTH ? localAction(step, file, index) : undefined;
    if (action) localCovers(action.steps, action.file, index, into, depth + 1);
  }
}

function coversOf(target: ToolSignature | undefined): readonly string[] {
  return (target as LocalTargetSignature | undefined)?.covers ?? [];
}

function localAction(step: Step, file: string, index: GithubActionsIndex | undefined): Action | undefined {
  return step.uses?.target?.kind === 'local' ? index?.localAction(file, step.uses) : undefined;
}

/** Services and the job container: LocalStack as a service makes the job's AWS calls local. */
function serviceCovers(job: Job, into: Set<string>): void {
  if (job.services.length === 0 && !job.container) return;
  const images = [...job.services.map((s) => s.image), job.container?.image];
  for (const image of images) {
    if (!image || image.dynamic) continue;
    for (const covered of coversOf(toolForImage(localTargets, image.text))) into.add(covered);
  }
}

const RELEASE = { release: true };
const NOT_RELEASE = { release: false };

function collectDeploys(steps: readonly Step[], file: string, ctx: DeployContext, release: boolean, into: DeployStep[], depth: number): void {
  const options = release ? RELEASE : NOT_RELEASE;
  for (const step of steps) {
    for (const use of stepToolUses(step, deployTools, options)) into.push({ step, file, tool: use.tool.name, what: use.what, via: use.via });
    const action = depth < MAX_ACTION_DEPTH ? localAction(step, file, ctx.index) : undefined;
    if (action) collectDeploys(action.steps, action.file, ctx, release, into, depth + 1);
  }
}

const cache = new WeakMap<
  Job,
  { readonly index: GithubActionsIndex | undefined; readonly workflow: Workflow | undefined; readonly release: boolean; readonly steps: readonly DeployStep[] }
>();

/**
 * The steps of a job that deploy to something that outlives the job: catalog commands and actions, also
 * inside local composite actions, minus those that reach a cluster or emulator the job made itself.
 */
export function deployStepsOf(job: Job, ctx: DeployContext = {}): readonly DeployStep[] {
  const cached = cache.get(job);
  // Whether the job releases follows from the job and its workflow: asked again with both, it is known.
  if (cached && cached.index === ctx.index && cached.workflow === ctx.workflow) return cached.steps;
  const release = isReleaseJob(job, ctx.workflow);
  if (cached && cached.index === ctx.index && cached.release === release) {
    cache.set(job, { ...cached, workflow: ctx.workflow });
    return cached.steps;
  }
  let steps: DeployStep[] = [];
  collectDeploys(job.steps, job.file, ctx, release, steps, 0);
  if (steps.length > 0) {
    // Only a job that deploys at all is searched for clusters and emulators it makes itself.
    const covers = new Set<string>();
    localCovers(job.steps, job.file, ctx.index, covers, 0);
    serviceCovers(job, covers);
    if (covers.size > 0) steps = steps.filter((d) => !covers.has(d.tool));
  }
  cache.set(job, { index: ctx.index, workflow: ctx.workflow, release, steps });
  return steps;
}

/** The deploy steps of a composite action judged on its own (no job around it). */
export function actionDeploySteps(action: Action, index: GithubActionsIndex | undefined): DeployStep[] {
  const steps: DeployStep[] = [];
  collectDeploys(action.steps, action.file, { index }, false, steps, 0);
  if (steps.length === 0) return steps;
  const covers = new Set<string>();
  localCovers(action.steps, action.file, index, covers, 0);
  return steps.filter((d) => !covers.has(d.tool));
}

/** True when a step previews a deploy (`terraform plan`, `kubectl diff`, a `--dry-run`), also in local composite actions. */
function previews(steps: readonly Step[], file: string, index: GithubActionsIndex | undefined, depth: number): boolean {
  for (const step of steps) {
    if (stepTools(step, previewTools).length > 0) return true;
    const action = depth < MAX_ACTION_DEPTH ? localAction(step, file, index) : undefined;
    if (action && previews(action.steps, action.file, index, depth + 1)) return true;
  }
  return false;
}

/**
 * A job that deploys nothing but previews a deploy (`terraform plan` in a job whose environment is
 * `production`) holds the environment for its credentials: its environment does not make it a deploy.
 */
function onlyPreviews(job: Job, ctx: DeployContext): boolean {
  return previews(job.steps, job.file, ctx.index, 0);
}

/** Why a job deploys (its first deploy step, else its environment's name), or undefined when it does not. */
export function deployReason(job: Job, ctx: DeployContext = {}): DeployReason | undefined {
  if (job.uses) return undefined;
  const first = deployStepsOf(job, ctx)[0];
  if (first) return { kind: 'step', deploy: first };
  if (onlyPreviews(job, ctx)) return undefined;
  return environmentTarget(job, ctx.scope);
}

export function isDeployJob(job: Job, ctx: DeployContext = {}): boolean {
  return deployReason(job, ctx) !== undefined;
}

/** How a declared input value makes the environment: `when input "environment" is "production", its default`. */
function describePick(pick: InputPick): string {
  const how = pick.source === 'default' ? 'its default' : pick.source === 'option' ? 'one of its choices' : 'a value it can take';
  return ` when ${pick.event} input "${pick.input}" is "${pick.value}", ${how}`;
}

/** What made a job a deploy, as findings say it: `it runs \`helm upgrade\` in step "Deploy"`, or `in step 2` for a step without a name. */
export function describeDeploy(reason: DeployReason, subject = 'it'): string {
  if (reason.kind === 'environment') {
    const when = reason.pick ? describePick(reason.pick) : '';
    return subject === 'it' ? `its environment "${reason.name}" names a deploy target${when}` : `${subject} targets environment "${reason.name}"${when}`;
  }
  const { deploy } = reason;
  return `${subject} ${deploy.via === 'action' ? 'uses' : 'runs'} \`${deploy.what}\` in ${stepPhrase(deploy.step)}`;
}

/**
 * The scopes a job's environment is judged in: the caller's inputs when judged at a call; else the runs
 * its own workflow declares input values for (a dispatch default of `production` is a production deploy),
 * unless `ownInputs` is false.
 */
function environmentScopes(job: Job, ctx: DeployContext, inputs: Scope['inputs'], ownInputs: boolean): readonly Scope[] {
  if (inputs || !ownInputs || !ctx.workflow) return jobScopesOrOpaque(job, inputs);
  const declared = workflowInputScopes(ctx.workflow);
  return declared.length === 0 ? jobScopesOrOpaque(job) : jobScopesInOrOpaque(job, declared);
}

/**
 * Why a job deploys in any of its scopes (matrix legs, caller inputs, the input values its workflow
 * declares): its steps, else its environment.
 */
export function jobDeployReason(job: Job, ctx: DeployContext, inputs?: Scope['inputs'], ownInputs = true): DeployReason | undefined {
  if (job.uses) return undefined;
  const first = deployStepsOf(job, ctx)[0];
  if (first) return { kind: 'step', deploy: first };
  const name = job.environment?.name;
  if (!name || onlyPreviews(job, ctx)) return undefined;
  if (!name.dynamic) return environmentTarget(job, undefined);
  for (const scope of environmentScopes(job, ctx, inputs, ownInputs)) {
    const reason = deployReason(job, { ...ctx, scope });
    if (reason) return reason;
  }
  return undefined;
}

/**
 * The first job of a workflow that deploys, directly or through a reusable workflow it calls (in this run).
 * Input values are not tried: a deploy that only a dispatched value makes is started by someone who watches
 * it, and a pushed or scheduled run gets no dispatch inputs at all.
 */
export function workflowDeploy(workflow: Workflow, index: GithubActionsIndex | undefined): { readonly job: Job; readonly reason: DeployReason } | undefined {
  for (const job of workflow.jobs) {
    if (!job.uses) {
      const reason = jobDeployReason(job, { index, workflow }, undefined, false);
      if (reason) return { job, reason };
      continue;
    }
    const called = index?.calledWorkflow(job);
    if (!called || called === workflow) continue;
    for (const inner of called.jobs) {
      const reason = jobDeployReason(inner, { index, workflow: called }, undefined, false);
      if (reason) return { job, reason };
    }
  }
  return undefined;
}
