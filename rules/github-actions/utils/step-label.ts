import type { Step } from '@nospof/github-actions';

/** A step in a finding's sentence: `step "Deploy"` by its name, id or action, else by position (`step 3`). */
export function stepPhrase(step: Step): string {
  const label = step.name?.text ?? step.id?.text ?? step.uses?.value.text;
  return label === undefined ? `step ${step.index + 1}` : `step "${label}"`;
}
