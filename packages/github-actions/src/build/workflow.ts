import type { YamlNode as LNode } from '@nospof/yaml';
import type { Range } from '@nospof/core';
import type { Job, Workflow } from '../model.js';
import { neverRuns } from '../conditions.js';
import { buildConcurrency } from './blocks.js';
import { mapDefined, NONE, type BuildContext } from './context.js';
import { buildJob } from './job.js';
import { buildTriggers } from './triggers.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function buildWorkflow(ctx: BuildContext, root: LNode, range: Range): Workflow {
  const workflow: Mutable<Workflow> = { type: 'Workflow', range, file: ctx.file, triggers: NONE, env: NONE, jobs: NONE };
  const fields = ctx.entries(root);
  for (const e of fields) {
    switch (e.key) {
      case 'name': {
        const text = ctx.text(e.value);
        if (text) workflow.name = text;
        break;
      }
      case 'run-name': {
        const text = ctx.text(e.value);
        if (text) workflow.runName = text;
        break;
      }
      case 'on': {
        const { on, triggers } = buildTriggers(ctx, e);
        workflow.on = on;
        workflow.triggers = triggers;
        break;
      }
      case 'concurrency':
        workflow.concurrency = buildConcurrency(ctx, e);
        break;
      case 'permissions':
        workflow.permissions = ctx.block(e);
        break;
      case 'defaults':
        workflow.defaults = ctx.block(e);
        break;
      case 'env':
        workflow.env = ctx.args(e.value);
        break;
      case 'jobs':
        workflow.jobsKey = e.keyRange;
        if (!ctx.isMap(e.value)) ctx.error('`jobs` must be a map of job ids to jobs', ctx.rangeOf(e.value, e.keyRange));
        // A job whose `if:` is always false (switched off by hand) never runs: rules do not see it.
        workflow.jobs = mapDefined(ctx.entries(e.value), (j): Job | undefined => {
          const job = buildJob(ctx, j);
          return job && !neverRuns(job.if) ? job : undefined;
        });
        break;
      default:
        break;
    }
  }
  const start = ctx.lines.range(range.start.offset, range.start.offset);
  if (!workflow.on) ctx.error('this file is in .github/workflows but is not a workflow: it has no `on:` trigger', start);
  if (!workflow.jobsKey) ctx.error('this file is in .github/workflows but is not a workflow: it has no `jobs:`', start);
  return workflow;
}
