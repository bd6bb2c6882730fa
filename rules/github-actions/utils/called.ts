import type { Range } from '@nospof/core';
import { callInputs, jobScopesOrOpaque, type GithubActionsIndex, type Job, type Scope, type Workflow } from '@nospof/github-actions';

/** A job of a called workflow seen from one caller scope: the scope its expressions resolve in. */
export interface CalledJob {
  readonly workflow: Workflow;
  readonly job: Job;
  readonly inputs: Scope['inputs'];
}

/** The jobs a reusable-workflow call runs, once per caller scope (caller matrix leg). */
export function calledJobs(index: GithubActionsIndex | undefined, caller: Job): CalledJob[] | undefined {
  const called = index?.calledWorkflow(caller);
  if (!called) return undefined;
  return jobScopesOrOpaque(caller).flatMap((scope) => {
    const inputs = callInputs(caller, called, scope);
    return called.jobs.map((job) => ({ workflow: called, job, inputs }));
  });
}

/** Where a caller passes the inputs an expression reads (`inputs.runner` -> `with: runner:`), else `uses:`. */
export function callerSite(caller: Job, expression: string): Range {
  for (const match of expression.matchAll(/\binputs\.([\w-]+)/g)) {
    const arg = caller.with.find((a) => a.name === match[1]);
    if (arg) return arg.value.range;
  }
  return caller.uses?.value.range ?? caller.key;
}
