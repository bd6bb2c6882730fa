import { firstArgument, stringValue } from '@nospof/jenkins';
import type { Agent, JenkinsFile, Step } from '@nospof/jenkins';
import { allSteps, nodesOfType } from '@nospof/jenkins';
import type { Value } from '@nospof/core';
import { matrixLabels } from './matrix-labels.js';

/** A place that asks for an agent by label: a declarative `agent` or a scripted `node(...)`. */
export interface LabelRequest {
  readonly label: Value<string>;
  readonly owner: Agent | Step;
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
