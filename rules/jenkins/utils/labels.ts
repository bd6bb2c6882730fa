import { firstArgument, resolveArgument, stringValue } from '@nospof/jenkins';
import type { Agent, JenkinsFile, Step } from '@nospof/jenkins';
import { allSteps, nodesOfType } from '@nospof/jenkins';
import type { RelatedDescriptor, Value } from '@nospof/core';
import { allRuns, judgedOnItsOwn } from './flow.js';
import type { FileFlow } from './flow.js';
import { matrixLabels } from './matrix-labels.js';

/** A place that asks for an agent by label: a declarative `agent` or a scripted `node(...)`. */
export interface LabelRequest {
  readonly label: Value<string>;
  readonly owner: Agent | Step;
  /** The file the label is written in, when it is not the file being linted. */
  readonly file?: string;
  /** The `node` the label reaches, for a label passed to a helper. */
  readonly related?: readonly RelatedDescriptor[];
}

/** The label a scripted `node` step asks for; undefined for `node { }` (any executor). */
export function nodeLabel(step: Step): Value<string> | undefined {
  if (step.qualifiedName !== 'node') return undefined;
  const arg = firstArgument(step, 'label');
  return arg === undefined ? undefined : stringValue(arg);
}

export function labelRequests(file: JenkinsFile): LabelRequest[] {
  const out: LabelRequest[] = [];
  for (const agent of nodesOfType<Agent>(file, 'Agent')) {
    if (!agent.label || agent.kind === 'kubernetes') continue;
    const expanded = agent.label.known ? undefined : matrixLabels(agent);
    for (const label of expanded ?? [agent.label]) out.push({ label, owner: agent });
  }
  for (const step of allSteps(file)) {
    const label = nodeLabel(step);
    if (label) out.push({ label, owner: step });
  }
  return out;
}

/**
 * Labels written as arguments of a helper that allocates `node(label)` with them: `onAgent('built-in')`
 * calling `def onAgent(String label, Closure body) { node(label) { body() } }`. The request lands on the
 * label where it is written, with the `node` it reaches as its trail.
 */
export function boundLabelRequests(ff: FileFlow): LabelRequest[] {
  if (!judgedOnItsOwn(ff)) return [];
  const out: LabelRequest[] = [];
  const seen = new Set<unknown>();
  for (const run of allRuns(ff)) {
    if (run.step.qualifiedName !== 'node' || run.step.member) continue;
    const written = firstArgument(run.step, 'label');
    if (written?.type !== 'Identifier') continue;
    const resolved = resolveArgument(run, written);
    if (!resolved.expression || resolved.expression === written || seen.has(resolved.expression)) continue;
    seen.add(resolved.expression);
    const label = stringValue(resolved.expression);
    if (!label.known) continue;
    out.push({
      label,
      owner: run.step,
      ...(resolved.file === ff.path ? {} : { file: resolved.file }),
      related: [{ node: { range: run.step.nameRange }, ...(run.file === resolved.file ? {} : { file: run.file }), message: 'the node this label is passed to' }],
    });
  }
  return out;
}
