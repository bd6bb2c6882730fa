import type { Language } from '@nospof/core';
import { RuleTester } from '@nospof/core/testing';

// Every language package exports `<name>Language`; RuleTester parses test code with it and names the
// file as the language would usually see it.
const registrations: [() => Promise<Record<string, unknown>>, string, string][] = [
  // The CLI's order: specific languages first, the Kubernetes catch-all for YAML and JSON last.
  [() => import('@nospof/terraform'), 'terraformLanguage', 'main.tf'],
  [() => import('@nospof/github-actions'), 'githubActionsLanguage', '.github/workflows/ci.yml'],
  [() => import('@nospof/jenkins'), 'jenkinsLanguage', 'Jenkinsfile'],
  [() => import('@nospof/kubernetes'), 'kubernetesLanguage', 'manifest.yaml'],
];

for (const [load, exportName, filename] of registrations) {
  const module = await load().catch(() => undefined);
  const language = module?.[exportName] as Language | undefined;
  if (language) RuleTester.registerLanguage(language, filename);
}
