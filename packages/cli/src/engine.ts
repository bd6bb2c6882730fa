import { engineRules, Linter, type AnyRule, type Language, type SettingsSchemas } from '@nospof/core';
import { alertingLanguage } from '@nospof/alerting';
import { githubActionsLanguage } from '@nospof/github-actions';
import { haproxyLanguage } from '@nospof/haproxy';
import { jenkinsLanguage } from '@nospof/jenkins';
import { kubernetesLanguage } from '@nospof/kubernetes';
import { terraformLanguage } from '@nospof/terraform';
import { builtinRules, ruleSettingsSchemas } from '@nospof/rules';

/**
 * Languages in the order they claim files: specific paths first (`.tf`, plan JSON, workflows and actions,
 * Jenkinsfiles, HAProxy configurations), the catch-all for YAML and JSON manifests last.
 */
export const languages: readonly Language[] = [
  terraformLanguage as unknown as Language,
  githubActionsLanguage as unknown as Language,
  jenkinsLanguage as unknown as Language,
  haproxyLanguage as unknown as Language,
  kubernetesLanguage as unknown as Language,
  // Reads Alertmanager and Prometheus configuration alongside the file's owner (a Secret is a manifest).
  alertingLanguage as unknown as Language,
];

/** The schema of every `settings` section: each language's own and those the rules declare. */
export const settingsSchemas: SettingsSchemas = {
  ...Object.fromEntries(languages.filter((l) => l.settingsSchema).map((l) => [l.id, l.settingsSchema as Record<string, unknown>])),
  ...ruleSettingsSchemas,
};

/** Every rule a configuration may name: the engine's own checks and the built-in rules. */
export const allRules: readonly AnyRule[] = [...engineRules, ...builtinRules];

export function createLinter(): Linter {
  return new Linter(languages, builtinRules);
}
