import { ancestors, optionNamed, wrappingRun } from '@nospof/jenkins';
import type { ModelNode, Options, Run } from '@nospof/jenkins';

/** Stages, matrices and the pipeline: where `options` are declared. */
const optionHolders: ReadonlySet<string> = new Set(['Stage', 'Matrix', 'Pipeline']);

/**
 * True when a `timeout` bounds `node`: a wrapping `timeout` step, or a `timeout` in the options of an
 * enclosing stage, matrix or of the pipeline.
 */
export function boundedByTimeout(node: ModelNode): boolean {
  for (const a of ancestors(node)) {
    if (a.type === 'Step' && (a as { readonly name?: string }).name === 'timeout') return true;
    if (optionHolders.has(a.type) && optionNamed(a as ModelNode & { readonly options?: Options }, 'timeout')) return true;
  }
  return false;
}

/** The run an entry point started from (a step written in a stage, a `post` condition or top-level code). */
export function entryOf(run: Run): Run {
  let r = run;
  while (r.parent) r = r.parent;
  return r;
}

/** True when a `timeout` bounds the run: around it across the calls that led to it, or around its entry point. */
export function runBoundedByTimeout(run: Run): boolean {
  return wrappingRun(run, ['timeout']) !== undefined || boundedByTimeout(entryOf(run).step);
}
