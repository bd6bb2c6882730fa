import { enclosingPipeline, enclosingStages, optionNamed, wrappedBy } from '@nospof/jenkins';
import type { ModelNode } from '@nospof/jenkins';

/**
 * True when a `timeout` bounds `node`: a wrapping `timeout` step, or a `timeout` in the options of an
 * enclosing stage or of the pipeline.
 */
export function boundedByTimeout(node: ModelNode): boolean {
  if (wrappedBy(node, ['timeout'])) return true;
  if (enclosingStages(node).some((s) => optionNamed(s, 'timeout'))) return true;
  const pipeline = enclosingPipeline(node);
  return pipeline !== undefined && optionNamed(pipeline, 'timeout') !== undefined;
}
