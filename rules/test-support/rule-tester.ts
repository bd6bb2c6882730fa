import { describe } from 'vitest';
import { RuleTester, type RuleTests } from '@nospof/core/testing';
import { alertingLanguage } from '@nospof/alerting';
import { githubActionsLanguage } from '@nospof/github-actions';
import { haproxyLanguage } from '@nospof/haproxy';
import { jenkinsLanguage } from '@nospof/jenkins';
import { kubernetesLanguage } from '@nospof/kubernetes';
import { terraformLanguage } from '@nospof/terraform';
import type { AnyRule, Language } from '@nospof/core';
import { withoutTypeDispatch } from '../terraform/utils/define-rule.js';

/**
 * The tester every built-in rule's test uses: every language, in the order the Node API registers them
 * (specific file names first, the Kubernetes catch-all for YAML and JSON last, then the alerting language,
 * which reads YAML alongside its owner), so a case's file is claimed exactly as in a real run. `@nospof/api` checks that its registry keeps this order.
 */
export const builtinTesterLanguages = [
  { language: terraformLanguage as unknown as Language, filename: 'main.tf' },
  { language: githubActionsLanguage as unknown as Language, filename: '.github/workflows/ci.yml' },
  { language: jenkinsLanguage as unknown as Language, filename: 'Jenkinsfile' },
  { language: haproxyLanguage as unknown as Language, filename: 'haproxy.cfg' },
  { language: kubernetesLanguage as unknown as Language, filename: 'manifest.yaml' },
  { language: alertingLanguage as unknown as Language, filename: 'alertmanager.yml' },
] as const;

/**
 * Runs a rule's cases as it is defined and, for a rule that declares `meta.resourceTypes`, once more with
 * type-indexed dispatch off: a declared list that leaves out a type the rule judges fails the cases.
 */
class BuiltinRuleTester extends RuleTester {
  override run(rule: AnyRule, tests: RuleTests): void {
    super.run(rule, tests);
    const undispatched = withoutTypeDispatch(rule);
    if (undispatched !== rule) describe('without type dispatch', () => super.run(undispatched, tests));
  }
}

export function ruleTester(): RuleTester {
  return new BuiltinRuleTester({ languages: builtinTesterLanguages });
}
