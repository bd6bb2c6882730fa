import { engineRules, Linter, type AnyRule, type Language } from '@nospof/core';
import { kubernetesLanguage } from '@nospof/kubernetes';
import { builtinRules } from '@nospof/rules';

/**
 * Languages in the order they claim files: specific paths first (`.tf`, workflows, Jenkinsfiles), the
 * catch-all for YAML and JSON last.
 */
export const languages: readonly Language[] = [kubernetesLanguage as unknown as Language];

/** Every rule a configuration may name: the engine's own checks and the built-in rules. */
export const allRules: readonly AnyRule[] = [...engineRules, ...builtinRules];

export function createLinter(): Linter {
  return new Linter(languages, builtinRules);
}
