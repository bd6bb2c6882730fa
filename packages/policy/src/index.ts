// Loading and running a configuration's policies: what the API calls.
export { loadPolicySet, evaluatePolicySet, policyRules, type PolicyConfig, type PolicySet, type PolicySetOptions, type UnitEvaluation } from './policy-set.js';
export { PolicyLoadError, formatPolicyProblem, type PolicyProblem } from './problems.js';
export { policyErrorRule } from './policy-error-rule.js';

// The pieces, for hosts that need one form alone (`nospof test-policies`, `nospof input`).
export { readBundle, bareModuleBundle, BundleError, defaultBundleLimits, type PolicyBundle, type BundleLimits, type BundleManifest } from './bundle/bundle.js';
export { loadRego, type RegoPolicy, type RegoOptions, type PolicyEvaluation } from './rego/rego-policy.js';
export { hostBuiltins } from './rego/builtins.js';
export { loadPolicyFile, type LoadOptions } from './yaml/load.js';
export { parseUserYaml, MAX_USER_ALIASES } from './yaml/user-document.js';
export { evaluateYamlPolicies, type YamlEvaluation } from './yaml/evaluate.js';
export { runPolicyTests, type SnippetUnitBuilder, type PolicyTestCase, type PolicyTestReport } from './yaml/run-tests.js';
export type { PolicyFile, YamlPolicy, TestSnippet } from './yaml/types.js';
export { policySchema } from './yaml/policy-schema.js';
export { policyInputSchema } from './input-schema.js';
export { loadPlugin, pluginPrefix, type LoadedPlugin, type PluginOptions } from './plugin/load-plugin.js';
export { policyFindings, policyProblemFindings, MAX_MESSAGE_LENGTH } from './findings.js';
export { parseAttributePath, formatAttributePath } from './attribute-path.js';
export type { PolicyResult } from './result.js';
