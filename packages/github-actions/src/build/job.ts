import type { Job } from '../model.js';
import { buildConcurrency, buildContainer, buildEnvironment, buildRunsOn, buildServices, buildStrategy } from './blocks.js';
import { NONE, type BuildContext, type Entry } from './context.js';
import { buildSteps } from './step.js';
import { buildUses } from './uses.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The job under `jobs.<id>`; its resource is `<file name>#jobs.<id>` for baselines. */
export function buildJob(ctx: BuildContext, entry: Entry): Job | undefined {
  if (!ctx.isMap(entry.value)) {
    ctx.error(`job "${entry.key}" must be a map of job keys`, ctx.rangeOf(entry.value, entry.keyRange));
    return undefined;
  }
  const resource = `${basename(ctx.file)}#jobs.${entry.key}`;
  const layout = ctx.layout(entry.value);
  const job: Mutable<Job> = {
    type: 'Job',
    id: entry.key,
    key: entry.keyRange,
    range: entry.range,
    resource,
    file: ctx.file,
    needs: NONE,
    with: NONE,
    services: NONE,
    env: NONE,
    outputs: NONE,
    steps: NONE,
    ...(layout ? { layout } : {}),
  };
  for (const e of ctx.entries(entry.value)) apply(ctx, job, e, resource);
  if (!job.uses && !job.runsOn) ctx.error(`job "${entry.key}" has neither \`runs-on\` nor \`uses\``, entry.keyRange);
  return job;
}

function apply(ctx: BuildContext, job: Mutable<Job>, e: Entry, resource: string): void {
  // The value as text only for the keys that keep it (other builders read their values themselves).
  switch (e.key) {
    case 'name': {
      const text = ctx.text(e.value);
      if (text) job.name = text;
      return;
    }
    case 'runs-on': {
      const runsOn = buildRunsOn(ctx, e);
      if (runsOn) job.runsOn = runsOn;
      return;
    }
    case 'needs':
      job.needs = ctx.texts(e.value);
      return;
    case 'uses': {
      const text = ctx.text(e.value);
      if (text) job.uses = buildUses(ctx.keyAt(e), text);
      return;
    }
    case 'with':
      job.with = ctx.args(e.value);
      return;
    case 'secrets':
      job.secrets = ctx.block(e);
      return;
    case 'strategy':
      job.strategy = buildStrategy(ctx, e);
      return;
    case 'concurrency':
      job.concurrency = buildConcurrency(ctx, e);
      return;
    case 'environment':
      job.environment = buildEnvironment(ctx, e);
      return;
    case 'if': {
      const text = ctx.text(e.value);
      if (text) job.if = text;
      return;
    }
    case 'timeout-minutes':
      job.timeoutMinutes = ctx.numberField(e);
      return;
    case 'continue-on-error':
      job.continueOnError = ctx.boolField(e);
      return;
    case 'services':
      job.services = buildServices(ctx, e);
      return;
    case 'container':
      job.container = buildContainer(ctx, e);
      return;
    case 'defaults':
      job.defaults = ctx.block(e);
      return;
    case 'permissions':
      job.permissions = ctx.block(e);
      return;
    case 'env':
      job.env = ctx.args(e.value);
      return;
    case 'outputs':
      job.outputs = ctx.args(e.value);
      return;
    case 'steps':
      job.steps = buildSteps(ctx, e.value, e.keyRange, resource);
      return;
    default:
      return;
  }
}
