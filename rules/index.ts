import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyRule } from '@nospof/core';
import { alertingRules } from './alerting/index.js';
import { githubActionsRules } from './github-actions/index.js';
import { haproxyRules } from './haproxy/index.js';
import { jenkinsRules } from './jenkins/index.js';
import { kubernetesRules } from './kubernetes/index.js';
import { repoRules } from './repo/index.js';
import { terraformRules } from './terraform/index.js';

/** Settings sections the built-in rules read beyond the languages' own (`settings.securityScanners`). */
export const ruleSettingsSchemas: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  securityScanners: {
    type: 'object',
    additionalProperties: false,
    properties: {
      min: { type: 'integer', minimum: 1, description: 'Distinct security scanners the repository must run (default 2).' },
      extra: {
        type: 'array',
        description: 'In-house or unlisted scanners, recognised like the built-in catalog (plain names: no patterns).',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100, description: 'Canonical name; the same name in two places counts once.' },
            title: { type: 'string', maxLength: 200 },
            actions: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 }, description: 'GitHub actions, `owner/repo[/path]`.' },
            commands: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 }, description: 'Executables with optional sub-commands: `acme-scan`, `acme scan deps`.' },
            images: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 }, description: 'Container images, without tag: `registry.acme.dev/sec/scanner`.' },
            jenkinsSteps: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, description: 'Jenkins pipeline steps: `acmeScan`.' },
          },
        },
      },
    },
  },
};

/** Every built-in rule. Presets derive from each rule's `meta.docs.preset`. */
export const builtinRules: readonly AnyRule[] = [
  ...kubernetesRules,
  ...terraformRules,
  ...githubActionsRules,
  ...jenkinsRules,
  ...haproxyRules,
  ...alertingRules,
  ...repoRules,
];

export { alertingRules, githubActionsRules, haproxyRules, jenkinsRules, kubernetesRules, repoRules, terraformRules };

/** Where a rule's documentation page is (`rules/<language>/<name>.md` in the package). */
export function ruleDocFile(ruleId: string): URL {
  return new URL(`${ruleId}.md`, rulesRoot());
}

/**
 * The root of the rule pages. From the rules package's own sources or build they are next to this
 * module; a host that bundles this module copies them beside its bundle (`rules/` next to it, or one
 * level up); otherwise the installed package is found through module resolution.
 */
function rulesRoot(): URL {
  const here = import.meta.url;
  if (/\/rules\/(dist\/)?index\.[jt]s$/.test(here)) return new URL(here.includes('/dist/') ? '../' : './', here);
  for (const candidate of ['./rules/', '../rules/']) {
    const url = new URL(candidate, here);
    if (existsSync(url)) return url;
  }
  return pathToFileURL(`${dirname(createRequire(here).resolve('@nospof/rules/package.json'))}/`);
}
export { renderDocHeader, withDocHeader, renderRuleTable, HEADER_END } from './doc-header.js';
