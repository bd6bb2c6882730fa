import { engineRules, Linter, usePrecompiledValidator, type AnyRule, type Language, type SettingsSchemas } from '@nospof/core';
import { alertingLanguage } from '@nospof/alerting';
import { githubActionsLanguage } from '@nospof/github-actions';
import { haproxyLanguage } from '@nospof/haproxy';
import { jenkinsLanguage } from '@nospof/jenkins';
import { kubernetesLanguage } from '@nospof/kubernetes';
import { terraformLanguage } from '@nospof/terraform';
import { builtinRules, ruleSettingsSchemas } from '@nospof/rules';
import type { ConfigCatalog } from './config/config-load.js';
import { ruleOptionValidators, settingsValidators } from './validators.generated.js';

/**
 * Languages in the order they claim files: specific paths first (`.tf`, plan JSON, workflows and actions,
 * Jenkinsfiles, HAProxy configurations), the catch-all for YAML and JSON manifests last. Languages that
 * read alongside others (`readsAlongside`, such as alerting) may sit anywhere.
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

/** The file name a snippet of each language is read as when it names none (policy tests, RuleTester). */
export const sampleFileNames: Readonly<Record<string, string>> = {
  terraform: 'main.tf',
  'github-actions': '.github/workflows/ci.yml',
  jenkins: 'Jenkinsfile',
  haproxy: 'haproxy.cfg',
  kubernetes: 'manifest.yaml',
  alerting: 'alertmanager.yml',
};

/** Every rule a configuration may name: the engine's own checks and the built-in rules. */
export const allRules: readonly AnyRule[] = [...engineRules, ...builtinRules];

/** The schema of every `settings` section: each language's own and those the rules declare. */
export const settingsSchemas: SettingsSchemas = {
  ...Object.fromEntries(languages.filter((l) => l.settingsSchema).map((l) => [l.id, l.settingsSchema as Record<string, unknown>])),
  ...ruleSettingsSchemas,
};

// A configuration's `settings` and rule options are validated without compiling their schemas in every
// run (40-80 ms of a pre-commit hook's run): the built-in ones were compiled when nospof was built.
for (const [key, schema] of Object.entries(settingsSchemas)) {
  const validate = settingsValidators[key];
  if (validate) usePrecompiledValidator(schema, validate);
}
for (const rule of allRules) {
  const validators = ruleOptionValidators[rule.meta.id];
  rule.meta.schema.forEach((schema, i) => {
    if (validators?.[i]) usePrecompiledValidator(schema, validators[i]);
  });
}

/** What configuration loading needs to know of the registry. */
export const builtinCatalog: ConfigCatalog = { rules: allRules, settingsSchemas };

export function createLinter(rules: readonly AnyRule[] = builtinRules): Linter {
  return new Linter(languages, rules);
}
