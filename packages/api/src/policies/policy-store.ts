import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, defineRule, type AnyRule, type ConfigProblem, type PolicyUnit, type UnitPolicyResults } from '@nospof/core';
import {
  evaluatePolicySet,
  formatPolicyProblem,
  loadPolicySet,
  pluginPrefix,
  policyErrorRule,
  policyRules,
  PolicyLoadError,
  type PolicyFile,
  type PolicySet,
} from '@nospof/policy';
import type { ConfigCatalog, ReadText } from '../config/config-load.js';
import { at, declarationProblems, scanPolicyDeclarations, type ConfigPolicies, type PolicyDeclaration } from './declarations.js';

/** A configuration's policies, loaded. */
export interface LoadedPolicies {
  readonly set: PolicySet;
  /** Rules for the registry: plugin rules, one per policy and entrypoint, and placeholders (see `placeholders`). */
  readonly rules: readonly AnyRule[];
  /** The rules the engine learns: the same without placeholders (whose findings come from elsewhere, if at all). */
  readonly linterRules: readonly AnyRule[];
  /** The rules `nospof rules` lists for this configuration: plugin rules, policies, entrypoints, policy errors. */
  readonly listed: readonly AnyRule[];
  /** Rule ids on by default (naming a policy asks for it to run). */
  readonly enabled: readonly string[];
  /** Prefixes of plugins left unloaded: their rule ids stay known. */
  readonly unloadedPrefixes: readonly string[];
  /** What `--no-plugins` kept from loading, as sentences. */
  readonly notices: readonly string[];
  /** Policy files and bundles on disk (absolute): an edit reloads the set. */
  readonly files: ReadonlySet<string>;
  /** Content of every policy and plugin version. */
  readonly digest: string;
  /** The plugins' names, versions and entry files ('' without plugins): what their rules' outcomes depend on. */
  readonly pluginDigest: string;
  evaluate(unit: PolicyUnit): UnitPolicyResults;
}

type State = { readonly kind: 'none' } | { readonly kind: 'pending'; readonly scan: ConfigPolicies } | { readonly kind: 'loaded'; readonly scan: ConfigPolicies; readonly policies: LoadedPolicies } | { readonly kind: 'failed'; readonly scan: ConfigPolicies; readonly error: ConfigError };

export interface PolicyStoreOptions {
  /** False: load no plugin and no bundle (`--no-plugins`, an untrusted workspace). */
  readonly plugins: boolean;
  /** Language ids the host reads. */
  readonly languages: readonly string[];
}

/**
 * The policies of each configuration file, loaded once (lazily: only when a configuration names
 * policies or plugins) and kept until `invalidate`. Loading is asynchronous (wasm, plugin imports) while
 * configuration lookup is not: a configuration whose policies are not loaded yet is `pending`, and hosts
 * call `loadPending()` before they lint.
 */
export class PolicyStore {
  private readonly states = new Map<string, State>();
  /** Where each loaded policy file is: its entry is written relative to the configuration naming it. */
  private readonly policyFilePaths = new WeakMap<PolicyFile, string>();

  constructor(
    private readonly base: ConfigCatalog,
    private readonly readText: ReadText,
    private readonly options: PolicyStoreOptions,
  ) {}

  /** The catalog a configuration file is validated and resolved with; the built-in one when it names no policies. */
  catalogFor(configFile: string): ConfigCatalog {
    const state = this.stateOf(configFile);
    if (state.kind !== 'loaded') return this.base;
    return { ...this.base, rules: [...this.base.rules, ...state.policies.rules], enabled: state.policies.enabled };
  }

  /** The load error of a configuration's policies, to report as a configuration error. */
  errorFor(configFile: string): ConfigError | undefined {
    const state = this.stateOf(configFile);
    return state.kind === 'failed' ? state.error : undefined;
  }

  /** True while a configuration names policies that are not loaded yet. */
  isPending(configFile: string): boolean {
    return this.stateOf(configFile).kind === 'pending';
  }

  policiesFor(configFile: string | undefined): LoadedPolicies | undefined {
    if (configFile === undefined) return undefined;
    const state = this.states.get(configFile);
    return state?.kind === 'loaded' ? state.policies : undefined;
  }

  /** Every loaded set, for hosts that register their rules and report their notices. */
  loaded(): readonly { readonly configFile: string; readonly policies: LoadedPolicies }[] {
    return [...this.states].flatMap(([configFile, s]) => (s.kind === 'loaded' ? [{ configFile, policies: s.policies }] : []));
  }

  /** Loads every pending configuration's policies; returns the configuration files whose state changed. */
  async loadPending(): Promise<string[]> {
    const pending = [...this.states].filter((entry): entry is [string, Extract<State, { kind: 'pending' }>] => entry[1].kind === 'pending');
    for (const [configFile, state] of pending) {
      try {
        this.states.set(configFile, { kind: 'loaded', scan: state.scan, policies: await this.load(configFile, state.scan) });
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        this.states.set(configFile, { kind: 'failed', scan: state.scan, error });
      }
    }
    return pending.map(([file]) => file);
  }

  /** True when a change to `path` may change a configuration's policies (a policy file, a bundle, a configuration). */
  affectedBy(path: string): boolean {
    for (const state of this.states.values()) {
      if (state.kind === 'none') continue;
      if (state.scan.files.has(path)) return true;
      if (state.kind === 'loaded' && state.policies.files.has(path)) return true;
      if (state.scan.declarations.some((d) => d.policies.some((p) => resolve(dirname(d.file), p) === path))) return true;
    }
    return false;
  }

  invalidate(): void {
    this.states.clear();
  }

  private stateOf(configFile: string): State {
    let state = this.states.get(configFile);
    if (!state) {
      const scan = scanPolicyDeclarations(configFile, this.readText);
      state = scan.declarations.length === 0 ? { kind: 'none' } : { kind: 'pending', scan };
      this.states.set(configFile, state);
    }
    return state;
  }

  private async load(configFile: string, scan: ConfigPolicies): Promise<LoadedPolicies> {
    const problems: ConfigProblem[] = declarationProblems(scan, configFile);
    if (problems.length > 0) throw new ConfigError(problems);
    const noPlugins = !this.options.plugins;
    // A plugin the repository names and a shared configuration names too is loaded once, as the repository names it.
    const ownPlugins = new Set(scan.declarations.filter((d) => !d.fromPackage).flatMap((d) => d.plugins));
    const sets: PolicySet[] = [];
    const files = new Set<string>();
    for (const d of scan.declarations) {
      const plugins = d.fromPackage ? d.plugins.filter((p) => !ownPlugins.has(p)) : d.plugins;
      try {
        const loaded = await loadPolicySet({ policies: d.policies, plugins }, { baseDir: dirname(d.file), noPlugins, languages: this.options.languages });
        sets.push(loaded);
        for (const file of loaded.files) this.policyFilePaths.set(file, resolve(dirname(d.file), file.file));
        problems.push(...this.clashes(configFile, d, loaded));
      } catch (error) {
        if (!(error instanceof PolicyLoadError)) throw error;
        problems.push(...error.problems.map((p) => problemAt(d, p)));
      }
      for (const entry of d.policies) files.add(resolve(dirname(d.file), entry));
    }
    if (problems.length > 0) throw new ConfigError(problems);
    const set: PolicySet = {
      rego: sets.flatMap((s) => s.rego),
      files: sets.flatMap((s) => s.files),
      plugins: sets.flatMap((s) => s.plugins),
      notLoaded: sets.flatMap((s) => s.notLoaded),
    };
    const own = policyRules(set);
    const ownIds = new Set(own.map((r) => r.meta.id));
    const declaresRego = scan.declarations.some((d) => d.policies.some((p) => !/\.(ya?ml|json)$/i.test(p)));
    const unloadedPrefixes = noPlugins ? scan.declarations.flatMap((d) => d.plugins.map(pluginPrefix)).filter((p): p is string => p !== undefined) : [];
    // Ids a configuration may name though no loaded rule declares them: a Rego result's own `opa/<id>`,
    // and (under --no-plugins) the rules of plugins left unloaded, so the same configuration stays valid.
    const placeholderIds = [
      ...(declaresRego ? scan.opaRuleIds : []),
      ...scan.ruleIds.filter((id) => unloadedPrefixes.some((prefix) => id.startsWith(`${prefix}/`))),
    ].filter((id) => !ownIds.has(id));
    const policyIds = own.filter((r) => r.meta.id.startsWith('policy/') || r.meta.id.startsWith('opa/')).map((r) => r.meta.id);
    const policies: LoadedPolicies = {
      set,
      rules: [policyErrorRule, ...own, ...[...new Set(placeholderIds)].map(placeholder)],
      linterRules: [policyErrorRule, ...own],
      listed: [...own, policyErrorRule],
      enabled: [policyErrorRule.meta.id, ...policyIds],
      unloadedPrefixes,
      notices: set.notLoaded.map((n) => `${n.entry} ${n.reason}`),
      files,
      digest: digest(files, set),
      pluginDigest: set.plugins.map((p) => `${p.name}@${p.version ?? '?'} ${p.entry}`).join('\n'),
      evaluate: (unit) => {
        const evaluation = evaluatePolicySet(set, unit);
        return { findings: evaluation.findings, skipped: evaluation.skipped };
      },
    };
    return policies;
  }

  /**
   * Rule ids that `loaded` (of declaration `d`) defines otherwise than a configuration loaded earlier: a run
   * holds one rule per id, so two versions of a plugin, or two policy files giving one id, in two parts of
   * a repository would have the first judge both. The configuration loaded second gets the error.
   */
  private clashes(configFile: string, d: PolicyDeclaration, loaded: PolicySet): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    for (const [otherFile, state] of this.states) {
      if (otherFile === configFile || state.kind !== 'loaded') continue;
      for (const plugin of loaded.plugins) {
        // Two installed copies of one version (a workspace per team) are the same rules.
        const other = state.policies.set.plugins.find((p) => p.prefix === plugin.prefix && p.entry !== plugin.entry && (p.name !== plugin.name || p.version !== plugin.version));
        if (!other) continue;
        const index = d.plugins.indexOf(plugin.name);
        problems.push(
          at(d, index === -1 ? ['plugins'] : ['plugins', index], `the plugin ${plugin.name}@${plugin.version ?? '?'} (${plugin.entry}) defines the ${plugin.prefix}/ rules that ${other.name}@${other.version ?? '?'} (${other.entry}) already defines for ${otherFile}; one run holds one version of a plugin: install the same one for both configurations`),
        );
      }
      for (const file of loaded.files) {
        const path = this.policyFilePaths.get(file);
        for (const policy of file.policies) {
          const other = state.policies.set.files.find((f) => this.policyFilePaths.get(f) !== path && f.policies.some((p) => p.id === policy.id));
          if (!other) continue;
          const index = d.policies.indexOf(file.file);
          problems.push(
            at(d, index === -1 ? ['policies'] : ['policies', index], `the policy id "${policy.id}" of ${file.file} is already given by ${this.policyFilePaths.get(other) ?? other.file} for ${otherFile}; policy ids are one namespace per run`),
          );
        }
      }
    }
    return problems;
  }
}

/** A problem of one entry, placed at the configuration key that names it. */
function problemAt(d: PolicyDeclaration, problem: PolicyLoadError['problems'][number]): ConfigProblem {
  const policyIndex = d.policies.indexOf(problem.file);
  const pluginIndex = d.plugins.indexOf(problem.file);
  const path = policyIndex !== -1 ? ['policies', policyIndex] : pluginIndex !== -1 ? ['plugins', pluginIndex] : [];
  return at(d, path, formatPolicyProblem(problem));
}

const ANY_OPTIONS = Array.from({ length: 8 }, () => ({}));

/** A rule a configuration may name whose findings come from elsewhere (an `opa/` id, an unloaded plugin). */
function placeholder(id: string): AnyRule {
  return defineRule({
    meta: {
      id,
      language: '*',
      type: 'problem',
      severity: 'error',
      docs: {
        description: id.startsWith('opa/') ? `Rego results that carry the id ${id.slice(4)}` : `A rule of a plugin that was not loaded (--no-plugins)`,
        rationale: 'Named by the configuration.',
        remediation: 'See the policy or plugin.',
        compliance: [],
        // Never on by a preset: its findings keep the severity their policy gives unless configured.
        preset: 'strict',
      },
      messages: {},
      // Options are the unloaded rule's to check: any value is accepted, so the configuration stays valid.
      schema: ANY_OPTIONS,
      defaultOptions: [],
      fixable: false,
    },
    create: () => ({}),
  });
}

function digest(files: ReadonlySet<string>, set: PolicySet): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    hash.update(`${file}\u0000`);
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update('(unreadable)');
    }
  }
  for (const plugin of set.plugins) hash.update(`\u0000plugin ${plugin.name}@${plugin.version ?? '?'} ${plugin.entry}`);
  return hash.digest('hex');
}
