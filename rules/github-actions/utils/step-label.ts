import type { Step } from '@nospof/github-actions';

/** How a finding names a step: its name, its id, what it uses, or its position. */
export function stepLabel(step: Step): string {
  return step.name?.text ?? step.id?.text ?? step.uses?.value.text ?? `step ${step.index + 1}`;
}
