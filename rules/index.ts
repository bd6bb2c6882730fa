import type { AnyRule } from '@nospof/core';
import { githubActionsRules } from './github-actions/index.js';
import { jenkinsRules } from './jenkins/index.js';
import { kubernetesRules } from './kubernetes/index.js';
import { repoRules } from './repo/index.js';
import { terraformRules } from './terraform/index.js';

/** Every built-in rule. Presets derive from each rule's `meta.docs.preset`. */
export const builtinRules: readonly AnyRule[] = [
  ...kubernetesRules,
  ...terraformRules,
  ...githubActionsRules,
  ...jenkinsRules,
  ...repoRules,
];

export { githubActionsRules, jenkinsRules, kubernetesRules, repoRules, terraformRules };

/** Where a rule's documentation page is (`rules/<language>/<name>.md` in the package). */
export function ruleDocFile(ruleId: string): URL {
  const root = new URL(import.meta.url.includes('/dist/') ? '../' : './', import.meta.url);
  return new URL(`${ruleId}.md`, root);
}
