import { known, mapList, unknown, type Value } from '@nospof/core';
import type { Json, Job, MatrixLeg } from './model.js';
import type { Scope } from './expression/evaluate.js';
import { falseIn } from './conditions.js';

/**
 * The scopes a job runs in: one per matrix leg (or one when it has no matrix), carrying `inputs` when the
 * job's workflow is judged as called by another. Unknown when the matrix is computed at run time.
 */
export function jobScopes(job: Job, inputs?: Readonly<Record<string, Value<Json>>>): Value<readonly Scope[]> {
  const base: Scope = inputs ? { inputs } : {};
  const matrix = job.strategy?.matrix;
  if (!matrix) return known([base]);
  if (!matrix.legs.known) return unknown(matrix.legs.reason, matrix.legs.range);
  const legs: readonly MatrixLeg[] = matrix.legs.value;
  if (legs.length === 0) return known([base]);
  // Written out rather than spread from `base` (see `buildRunsOn`: a spread copy's hidden class is made
  // anew in each run once optimised).
  return known(mapList(legs, (leg): Scope => (inputs ? { inputs, matrix: leg } : { matrix: leg })));
}

/** Like `jobScopes`, but a run-time matrix still yields one scope in which `matrix.*` is Unknown. */
export function jobScopesOrOpaque(job: Job, inputs?: Readonly<Record<string, Value<Json>>>): readonly Scope[] {
  const scopes = jobScopes(job, inputs);
  if (scopes.known) return scopes.value;
  return [inputs ? { inputs, matrixUnknown: true } : { matrixUnknown: true }];
}

/**
 * A job's scopes over several starting scopes (the runs `workflowInputScopes` gives): each matrix leg in
 * each of them. With no starting scope, the job's plain scopes. Unknown when the matrix is computed at run time.
 */
export function jobScopesIn(job: Job, bases: readonly Scope[]): Value<readonly Scope[]> {
  // A start in which the job's own `if:` is known false is a run the job sits out: judging its
  // `runs-on` or environment there would report a run that never happens.
  const runs = runsOf(job, bases);
  if (runs.length === 0) return jobScopes(job);
  const legs = jobScopes(job);
  if (!legs.known) return legs;
  return known(runs.flatMap((base) => legs.value.map((leg): Scope => (leg.matrix ? { ...base, matrix: leg.matrix } : base))));
}

/** The starting scopes in which the job runs at all: those where its `if:` is not known false. */
function runsOf(job: Job, bases: readonly Scope[]): readonly Scope[] {
  return job.if ? bases.filter((base) => !falseIn(job.if, base)) : bases;
}

/** Like `jobScopesIn`, but a run-time matrix still yields one scope per start in which `matrix.*` is Unknown. */
export function jobScopesInOrOpaque(job: Job, bases: readonly Scope[]): readonly Scope[] {
  const scopes = jobScopesIn(job, bases);
  if (scopes.known) return scopes.value;
  const runs = runsOf(job, bases);
  return runs.length === 0 ? [{ matrixUnknown: true }] : runs.map((base): Scope => ({ ...base, matrixUnknown: true }));
}
