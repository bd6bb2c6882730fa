import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defineRule, toPolicyInput, type AnyRule, type Finding, type PolicyUnit, type SkippedValue } from '@nospof/core';
import { bareModuleBundle, BundleError, readBundle, type BundleLimits, type PolicyBundle } from './bundle/bundle.js';
import { policyFindings, policyProblemFindings } from './findings.js';
import { loadPlugin, type LoadedPlugin } from './plugin/load-plugin.js';
import { describeThrown, PolicyLoadError, type PolicyProblem } from './problems.js';
import { loadRego, type RegoOptions, type RegoPolicy } from './rego/rego-policy.js';
import { evaluateYamlPolicies } from './yaml/evaluate.js';
import { loadPolicyFile } from './yaml/load.js';
import type { PolicyFile } from './yaml/types.js';

/** The `policies:` and `plugins:` keys of a configuration. */
export interface PolicyConfig {
  /** Paths relative to the configuration: `*.tar.gz` / `*.tgz` / `*.tar` bundles, `*.wasm`, `*.yaml` / `*.yml` / `*.json` policy files. */
  readonly policies?: readonly string[];
  /** npm packages (`nospof-plugin-acme`, `acme`, `@acme/nospof-plugin`). */
  readonly plugins?: readonly string[];
}

export interface PolicySetOptions {
  /** The configuration's directory: policy paths and plugin packages resolve from it. */
  readonly baseDir: string;
  /** `--no-plugins`: load no plugin and no bundle (declarative policies run no code and still load). */
  readonly noPlugins?: boolean;
  /** Language ids the host reads, to reject policies and rules for any other. */
  readonly languages?: readonly string[];
  readonly bundleLimits?: BundleLimits;
  readonly rego?: RegoOptions;
}

export interface PolicySet {
  readonly rego: readonly RegoPolicy[];
  readonly files: readonly PolicyFile[];
  readonly plugins: readonly LoadedPlugin[];
  /** What `--no-plugins` kept from loading, for the host to say so. */
  readonly notLoaded: readonly { readonly entry: string; readonly reason: string }[];
}

export interface UnitEvaluation {
  /** Findings of every policy on the unit, plus `nospof/policy-error` findings for policies that failed on it. */
  readonly findings: readonly Finding[];
  readonly skipped: readonly SkippedValue[];
  /** What Rego policies printed. */
  readonly prints: readonly string[];
}

const NO_PLUGINS = 'not loaded: --no-plugins';

/**
 * Loads everything a configuration names, once per run (the API keeps the set for every unit and, in the
 * editor, for every keystroke). Throws `PolicyLoadError` with every problem of every entry at once.
 */
export async function loadPolicySet(config: PolicyConfig, options: PolicySetOptions): Promise<PolicySet> {
  const problems: PolicyProblem[] = [];
  const rego: RegoPolicy[] = [];
  const files: PolicyFile[] = [];
  const plugins: LoadedPlugin[] = [];
  const notLoaded: { entry: string; reason: string }[] = [];
  const collect = (error: unknown, entry: string) => {
    if (error instanceof PolicyLoadError) problems.push(...error.problems);
    else problems.push({ file: entry, message: describeThrown(error) });
  };
  for (const entry of config.policies ?? []) {
    const kind = kindOf(entry);
    if (!kind) {
      problems.push({ file: entry, message: 'policies are bundles (.tar.gz, .tgz, .tar), compiled modules (.wasm) or declarative policy files (.yaml, .yml, .json)' });
      continue;
    }
    if (kind !== 'yaml' && options.noPlugins) {
      notLoaded.push({ entry, reason: NO_PLUGINS });
      continue;
    }
    const path = resolve(options.baseDir, entry);
    try {
      const bytes = readEntry(path, entry);
      if (kind === 'yaml') files.push(loadPolicyFile(new TextDecoder().decode(bytes), entry, languages(options)));
      else rego.push(await loadRego(bundleOf(kind, bytes, path, entry, options), options.rego));
    } catch (error) {
      collect(error instanceof BundleError ? new PolicyLoadError([{ file: entry, message: error.message }]) : error, entry);
    }
  }
  for (const name of config.plugins ?? []) {
    if (options.noPlugins) {
      notLoaded.push({ entry: name, reason: NO_PLUGINS });
      continue;
    }
    try {
      plugins.push(await loadPlugin(name, options.baseDir, languages(options)));
    } catch (error) {
      collect(error, name);
    }
  }
  if (problems.length > 0) throw new PolicyLoadError(problems);
  return { rego, files, plugins, notLoaded };
}

/** Runs every declarative and Rego policy on one deployment unit. Never throws: failures become findings. */
export function evaluatePolicySet(set: PolicySet, unit: PolicyUnit): UnitEvaluation {
  const declarative = evaluateYamlPolicies(
    set.files.flatMap((f) => f.policies),
    unit,
  );
  const findings: Finding[] = policyFindings(unit, declarative.results);
  const prints: string[] = [];
  if (set.rego.length > 0) {
    const input = toPolicyInput(unit);
    for (const policy of set.rego) {
      const evaluation = policy.evaluate(input);
      findings.push(...policyFindings(unit, evaluation.results), ...policyProblemFindings(unit, evaluation.problems));
      prints.push(...evaluation.prints);
    }
  }
  return { findings, skipped: declarative.skipped, prints };
}

/**
 * Rules for the registry: plugin rules as they are, and one visitor-less rule per declarative policy and
 * Rego entrypoint, so configuration can set their severity, `nospof rules` lists them, and suppressions
 * naming them are known. Rego results that carry their own `id` have ids known only after evaluation
 * (`opa/<id>`): hosts treat the `opa/` prefix as known when checking suppressions.
 */
export function policyRules(set: PolicySet): AnyRule[] {
  const declarative = set.files.flatMap((file) =>
    file.policies.map((p) =>
      defineRule({
        meta: {
          id: p.ruleId,
          language: p.language,
          type: 'problem',
          severity: p.severity,
          docs: {
            description: p.description ?? `Policy ${p.id} (${file.file})`,
            rationale: `Declarative policy from ${file.file}.`,
            remediation: 'See the policy file.',
            compliance: p.compliance,
            preset: 'recommended',
          },
          messages: { failed: '{{message}}' },
          schema: [],
          defaultOptions: [],
          fixable: false,
        },
        create: () => ({}),
      }),
    ),
  );
  const rego = set.rego.flatMap((bundle) =>
    bundle.entrypoints.map((entrypoint) =>
      defineRule({
        meta: {
          id: `opa/${entrypoint}`,
          language: '*',
          type: 'problem',
          severity: 'error',
          docs: {
            description: `Rego entrypoint ${entrypoint} (${bundle.source})`,
            rationale: `Policy compiled from Rego in ${bundle.source}.`,
            remediation: 'See the policy sources of the bundle.',
            compliance: [],
            preset: 'recommended',
          },
          messages: { failed: '{{message}}' },
          schema: [],
          defaultOptions: [],
          fixable: false,
        },
        create: () => ({}),
      }),
    ),
  );
  return [...set.plugins.flatMap((p) => p.rules), ...declarative, ...rego];
}

type Kind = 'bundle' | 'wasm' | 'yaml';

function kindOf(entry: string): Kind | undefined {
  const lower = entry.toLowerCase();
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz') || lower.endsWith('.tar')) return 'bundle';
  if (lower.endsWith('.wasm')) return 'wasm';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml') || lower.endsWith('.json')) return 'yaml';
  return undefined;
}

function readEntry(path: string, entry: string): Uint8Array {
  if (!existsSync(path)) throw new PolicyLoadError([{ file: entry, message: `no such file (looked for ${path})` }]);
  if (statSync(path).isDirectory()) throw new PolicyLoadError([{ file: entry, message: 'is a directory; list the bundle or policy files it holds' }]);
  return readFileSync(path);
}

function bundleOf(kind: 'bundle' | 'wasm', bytes: Uint8Array, path: string, entry: string, options: PolicySetOptions): PolicyBundle {
  if (kind === 'bundle') return readBundle(bytes, entry, options.bundleLimits);
  const data = join(dirname(path), 'data.json');
  return bareModuleBundle(bytes, entry, existsSync(data) ? readFileSync(data, 'utf8') : undefined);
}

function languages(options: PolicySetOptions): { languages?: readonly string[] } {
  return options.languages ? { languages: options.languages } : {};
}
