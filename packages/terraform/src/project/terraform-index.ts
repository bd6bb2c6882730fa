import { mapList, type ParsedFile, type Settings, type Unknown } from '@nospof/core';
import type { Block, Body } from '../hcl/ast.js';
import { Evaluator } from '../eval/expression.js';
import { Meter, type BudgetEvent } from '../eval/meter.js';
import { BUDGETS, BudgetUnknown, isUnknown, UnknownValue, type TfValue } from '../eval/tf-value.js';
import type { ModuleCall, PlanResource, Resource, TerraformFile } from '../model/types.js';
import { dirname, isLocalSource, joinPath } from '../util/paths.js';
import { attributeOf } from './body.js';
import type { ManifestEntry } from './manifest.js';
import { buildModuleDefs, isOverrideFile, overrideIn, type ModuleDef, type VarFile } from './module-def.js';
import { keySuffix, ModuleInstance, type CallSite, type InputValue, type World } from './module-instance.js';
import { PlanSet, type PlanInstance } from './plan-instance.js';
import type { ResourceInstance } from './resource-instance.js';
import { RuleLedger } from './rule-ledger.js';
import { ConfigBlockView, type BlockView } from './views.js';
import { traceExpression, traceScope, type Trail } from './trace.js';
import { terragruntTargets } from './terragrunt.js';

/**
 * `settings.terraform`, filled by the host from the command line:
 * `varFiles` are `--var-file` files already read (applied in order after the auto-loaded tfvars),
 * `vars` are `--var name=value` pairs (applied last; values are strings as typed, converted to the
 * variable's declared `number`/`bool` type, or parsed as HCL when they look like a list or map).
 */
export interface TerraformSettings {
  readonly varFiles?: readonly { readonly path: string; readonly text: string }[];
  readonly vars?: Readonly<Record<string, string>>;
}

/** Reads a var file's attributes (parser injected by the language, so this module does not depend on it). */
export type VarFileParser = (path: string, text: string) => Body | undefined;

/** A resource's instances in every module instance that contains it, or why some could not be expanded. */
export interface ResourceInstances {
  readonly instances: readonly Instance[];
  readonly unknown: readonly Unknown[];
}

/** What rules read about one instance: configuration-evaluated or plan-resolved. */
export type Instance = ResourceInstance | PlanInstance;

/** One evaluation of a `module` block: its arguments as seen from one instance of the calling module. */
export interface ModuleCallInstance {
  readonly call: ModuleCall;
  readonly parent: ModuleInstance;
  readonly site: CallSite;
  /** The call's arguments, evaluated. */
  readonly inputs: BlockView;
  /** The module address, `module.db` or `module.db[0]`. */
  readonly address: string;
  /** The literal `source`. */
  readonly source: string;
  /** True when nospof followed the call into the module's code (local, or installed by terraform init). */
  readonly followed: boolean;
}

export function literalString(body: Body, name: string): string | undefined {
  const value = attributeOf(body, name)?.value;
  if (value?.type !== 'TemplateExpr' || value.parts.some((p) => p.type !== 'TemplateLiteral')) return undefined;
  return value.parts.map((p) => (p.type === 'TemplateLiteral' ? p.value : '')).join('');
}

const sources = new WeakMap<ModuleCall, { readonly source: string | undefined; base?: string; target?: string | undefined }>();

/** The literal `source` of a `module` block, read once per block (every unit and module instance asks). */
function callSource(call: ModuleCall): string | undefined {
  let known = sources.get(call);
  if (!known) {
    known = { source: literalString(call.block.body, 'source') };
    sources.set(call, known);
  }
  return known.source;
}

/** The directory of a local `source` (`./modules/x`) seen from `dir`; undefined for other sources. */
export function localTarget(dir: string, call: ModuleCall): string | undefined {
  const source = callSource(call);
  if (!source || !isLocalSource(source)) return undefined;
  const known = sources.get(call) as { source: string | undefined; base?: string; target?: string | undefined };
  if (known.base !== dir) {
    known.base = dir;
    known.target = joinPath(dir, source);
  }
  return known.target;
}

/** Where a call's code is, without evaluating anything: `(module directory, call, call key) => directory`. */
type StaticResolver = (def: ModuleDef, call: ModuleCall, key: string) => string | undefined;

/**
 * Static resource addresses of a module tree (instance keys dropped), for matching plans to roots. A module
 * already on the path is not entered again (modules that call each other), and the walk stops after
 * `budget` addresses, so neither recursion nor a wide tree can make it hang.
 */
export function staticAddresses(defs: ReadonlyMap<string, ModuleDef>, def: ModuleDef, resolve: StaticResolver, out = new Set<string>(), budget = { left: 200_000 }, prefix = '', key = '', path: readonly string[] = []): Set<string> {
  if (path.includes(def.dir) || path.length > BUDGETS.moduleDepth || --budget.left < 0) return out;
  for (const address of def.resources.keys()) {
    if (--budget.left < 0) return out;
    out.add(`${prefix}${address}`);
  }
  for (const call of def.calls.values()) {
    const callKey = key === '' ? call.name : `${key}.${call.name}`;
    const dir = resolve(def, call, callKey);
    const child = dir === undefined ? undefined : defs.get(dir);
    if (child) staticAddresses(defs, child, resolve, out, budget, `${prefix}module.${call.name}.`, callKey, [...path, def.dir]);
  }
  return out;
}

/** `a.b["x"].c[0]` -> `a.b.c`, in one pass. */
export function stripKeys(address: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < address.length; i++) {
    const c = address[i] as string;
    if (depth > 0) {
      if (quoted && c === '\\') i++;
      else if (c === '"') quoted = !quoted;
      else if (!quoted && c === ']') depth--;
      continue;
    }
    if (c === '[') depth++;
    else out += c;
  }
  return out;
}

/** The resource and module blocks of one file of a unit. */
export interface FileBlocks {
  readonly file: string;
  readonly resources: readonly Resource[];
  readonly calls: readonly ModuleCall[];
}

/** Reasons kept per resource block for --explain-unknown. */
const MAX_REASONS = 20;

interface ResourceEntry {
  instances: ResourceInstance[];
  unknown: Unknown[];
}

/** Everything evaluated for one set of settings (tfvars from the command line change every value). */
class Evaluation implements World {
  readonly roots: ModuleInstance[] = [];
  /** Keyed by the HCL block. */
  readonly byResource = new Map<Block, ResourceEntry>();
  readonly byCall = new Map<Block, ModuleCallInstance[]>();
  /** Plan resources of each root, by address. */
  private readonly planFor = new Map<ModuleInstance, Map<string, PlanResource>>();
  /** Plan resources a configuration instance covers (judged through the configuration, findings in the .tf file). */
  readonly covering = new Map<PlanResource, ResourceInstance[]>();
  readonly meter = new Meter();
  byType: Map<string, ResourceInstance[]> | undefined;
  private instanceBudget = BUDGETS.moduleInstances;
  constructor(
    readonly defs: ReadonlyMap<string, ModuleDef>,
    private readonly manifests: readonly ManifestEntry[],
    plans: readonly TerraformFile[],
    settings: TerraformSettings,
    parseVarFile: VarFileParser,
    private readonly texts: ReadonlyMap<string, string>,
    terragrunt: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {
    for (const def of rootDefs(defs, manifests)) {
      this.roots.push(new ModuleInstance(this, def, '', undefined, rootInputs(def, settings, parseVarFile, this.meter, terragrunt.get(def.dir))));
    }
    this.assignPlans(plans);
    for (const root of this.roots) this.walk(root);
    for (const [plan, entry] of this.pendingCover) {
      const instances = entry.flatMap((address) => this.instanceByAddress.get(address) ?? []);
      if (instances.length > 0) this.covering.set(plan, instances);
    }
  }

  private readonly pendingCover = new Map<PlanResource, string[]>();
  private readonly instanceByAddress = new Map<string, ResourceInstance[]>();

  private assignPlans(plans: readonly TerraformFile[]): void {
    if (plans.length === 0) return;
    const rootAddresses = this.roots.map((root) => staticAddresses(this.defs, root.def, (def, call, key) => this.resolveSource(def.dir, call, key, root.def.dir)));
    for (const plan of plans) {
      const resources = plan.blocks.filter((b): b is PlanResource => b.type === 'Resource' && 'plan' in b);
      const stripped = resources.map((r) => stripKeys(r.resource));
      let best = -1;
      let bestCount = 0;
      rootAddresses.forEach((set, i) => {
        let count = 0;
        for (const address of stripped) if (set.has(address)) count++;
        // Ties go to the root in the plan's own directory (plan.json next to main.tf).
        if (count > bestCount || (count === bestCount && count > 0 && this.roots[i]?.def.dir === plan.dir)) [best, bestCount] = [i, count];
      });
      const root = this.roots[best];
      if (!root) continue;
      const map = this.planFor.get(root) ?? new Map<string, PlanResource>();
      const set = rootAddresses[best] as Set<string>;
      resources.forEach((r, i) => {
        if (!set.has(stripped[i] as string)) return;
        map.set(r.resource, r);
        this.pendingCover.set(r, [...(this.pendingCover.get(r) ?? []), `${root.def.dir}\u0000${r.resource}`]);
      });
      this.planFor.set(root, map);
    }
  }

  private entry(node: Resource): ResourceEntry {
    let entry = this.byResource.get(node.block);
    if (!entry) {
      entry = { instances: [], unknown: [] };
      this.byResource.set(node.block, entry);
    }
    return entry;
  }

  private walk(instance: ModuleInstance): void {
    for (const [address, node] of instance.def.resources) {
      const entry = this.entry(node);
      const instances = instance.resourceInstances(address);
      if (isUnknown(instances)) {
        const body = node.block.body;
        const at = attributeOf(body, 'count') ?? attributeOf(body, 'for_each');
        if (instances instanceof BudgetUnknown) this.meter.record(instances, node.file, at?.range ?? node.header);
        if (entry.unknown.length < MAX_REASONS) entry.unknown.push({ known: false, reason: instances.reason, range: at?.range ?? node.header, file: node.file });
      } else {
        entry.instances.push(...instances);
        // Addresses are built only when a plan of the unit may cover them.
        if (this.pendingCover.size === 0) continue;
        for (const i of instances) {
          const key = `${instance.root.def.dir}\u0000${i.address}`;
          const list = this.instanceByAddress.get(key);
          if (list) list.push(i);
          else this.instanceByAddress.set(key, [i]);
        }
      }
    }
    for (const [name, call] of instance.def.calls) {
      // a module block with a syntax error inside: its inputs may be incomplete, so no rule judges them
      if (call.damaged) continue;
      // an override file changes the call (its source, its inputs): what it is once merged is unknown
      const override = overrideIn(instance.def, 'module', name);
      if (override) {
        const dir = this.resolveCall(instance, call);
        if (dir !== undefined) this.markUnevaluated(dir, `${instance.prefix}module.${name} is not evaluated: the override file ${override} changes it, which nospof does not merge`, new Set([instance.def.dir]));
        continue;
      }
      const children = instance.children(name);
      const source = callSource(call) ?? '';
      const sites: CallSite[] = isUnknown(children) ? [{ call, parent: instance }] : mapList(children, (c) => c.callSite as CallSite);
      const list = this.byCall.get(call.block) ?? [];
      for (const site of sites) {
        const evaluator = instance.evaluatorFor(site);
        list.push({
          call,
          parent: instance,
          site,
          inputs: new ConfigBlockView(call.file, call.header, call.block.body, evaluator, call.block),
          address: `${instance.prefix}module.${name}${keySuffix(site.key)}`,
          source,
          followed: !isUnknown(children),
        });
      }
      this.byCall.set(call.block, list);
      if (!isUnknown(children)) {
        for (const child of children) this.walk(child);
        // `count = 0` or an empty `for_each`: the module's resources are known to have no instances here.
        if (children.length === 0) {
          const dir = this.resolveCall(instance, call);
          if (dir !== undefined) this.markEmpty(dir, new Set([instance.def.dir]));
        }
        continue;
      }
      const body = call.block.body;
      const at = attributeOf(body, 'count') ?? attributeOf(body, 'for_each');
      if (children instanceof BudgetUnknown) this.meter.record(children, call.file, at?.range ?? call.header);
      // The resources of a module whose instances are unknown are skipped too: say so for --explain-unknown.
      const dir = this.resolveCall(instance, call);
      if (dir !== undefined) this.markUnevaluated(dir, `${instance.prefix}module.${name} is not evaluated: ${children.reason}`, new Set([instance.def.dir]));
    }
  }

  private readonly marked = new Map<string, number>();

  private markEmpty(dir: string, seen: Set<string>): void {
    const def = this.defs.get(dir);
    if (!def || seen.has(dir)) return;
    seen.add(dir);
    for (const node of def.resources.values()) this.entry(node);
    for (const call of def.calls.values()) {
      const child = localTarget(dir, call);
      if (child !== undefined) this.markEmpty(child, seen);
    }
  }

  private markUnevaluated(dir: string, reason: string, seen: Set<string>): void {
    const def = this.defs.get(dir);
    const times = this.marked.get(dir) ?? 0;
    if (!def || seen.has(dir) || times >= MAX_REASONS) return;
    this.marked.set(dir, times + 1);
    seen.add(dir);
    for (const node of def.resources.values()) {
      const entry = this.entry(node);
      // A few reasons per block tell the story; thousands of module instances past a budget would not.
      if (entry.unknown.length < MAX_REASONS) entry.unknown.push({ known: false, reason, range: node.header, file: node.file });
    }
    for (const call of def.calls.values()) {
      const child = localTarget(dir, call);
      if (child !== undefined) this.markUnevaluated(child, reason, seen);
    }
  }

  resolveCall(parent: ModuleInstance, call: ModuleCall): string | undefined {
    const key = parent.callKey === '' ? call.name : `${parent.callKey}.${call.name}`;
    return this.resolveSource(parent.def.dir, call, key, parent.root.def.dir);
  }

  /** Local sources relative to the calling directory; others through the modules.json of the root. */
  private resolveSource(dir: string, call: ModuleCall, key: string, rootDir: string): string | undefined {
    const source = callSource(call);
    if (source === undefined) return undefined;
    if (isLocalSource(source)) return localTarget(dir, call);
    const entry = this.manifests.find((m) => m.key === key && m.root === rootDir) ?? this.manifests.find((m) => m.key === key);
    return entry?.dir;
  }

  planResource(instance: ResourceInstance): PlanResource | undefined {
    // The address is built only when the instance's root has a plan.
    return this.planFor.size === 0 ? undefined : this.planFor.get(instance.module.root)?.get(instance.address);
  }

  reserveInstances(count: number): boolean {
    if (count > this.instanceBudget) return false;
    this.instanceBudget -= count;
    return true;
  }

  readFile(path: string): string | UnknownValue {
    if (path.startsWith('/') || path.startsWith('~') || /^[A-Za-z]:/.test(path) || path.startsWith('..')) {
      return new UnknownValue(`${path} is outside the scanned tree: nospof reads only files it scans`);
    }
    const text = this.texts.get(path);
    if (text === undefined) return new UnknownValue(`${path} is not among the scanned files`);
    if (text.length > BUDGETS.stringLength) return new BudgetUnknown('stringLength', `${path} has ${text.length} characters, more than a file() nospof reads`);
    return text;
  }
}

/**
 * Root module directories: those no module of the set calls (locally, or through a modules.json). Modules
 * that only call each other (a loop no root reaches) become roots too, in path order, so every module is
 * evaluated somewhere.
 */
export function rootDefs(defs: ReadonlyMap<string, ModuleDef>, manifests: readonly ManifestEntry[]): ModuleDef[] {
  const calls = new Map<string, string[]>();
  const called = new Set<string>();
  for (const def of defs.values()) {
    const targets: string[] = [];
    for (const call of def.calls.values()) {
      const dir = localTarget(def.dir, call);
      if (dir !== undefined && dir !== def.dir) {
        called.add(dir);
        targets.push(dir);
      }
    }
    for (const entry of manifests) if (entry.root === def.dir) targets.push(entry.dir);
    calls.set(def.dir, targets);
  }
  for (const entry of manifests) called.add(entry.dir);
  const sorted = [...defs.values()].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  const roots = sorted.filter((def) => !called.has(def.dir));
  const reached = new Set<string>();
  const reach = (dir: string) => {
    const stack = [dir];
    while (stack.length > 0) {
      const d = stack.pop() as string;
      if (reached.has(d)) continue;
      reached.add(d);
      stack.push(...(calls.get(d) ?? []));
    }
  };
  for (const root of roots) reach(root.dir);
  for (const def of sorted) {
    if (reached.has(def.dir) || isInstalled(def.dir)) continue;
    roots.push(def);
    reach(def.dir);
  }
  return roots;
}

/** Code `terraform init` installed: a registry or git module under `.terraform/modules`. */
function isInstalled(dir: string): boolean {
  return dir === '.terraform' || dir.startsWith('.terraform/') || dir.includes('/.terraform/');
}

/**
 * Root-module variable values: tfvars Terraform loads itself, then --var-file, then --var. A module that
 * Terragrunt runs gets its variables from the Terragrunt `inputs` (as `TF_VAR_` variables, below every
 * tfvars file): nospof does not evaluate them, so its variables are unknown rather than their defaults.
 */
function rootInputs(def: ModuleDef, settings: TerraformSettings, parseVarFile: VarFileParser, meter: Meter, terragrunt: readonly string[] = []): Map<string, InputValue> {
  const inputs = new Map<string, InputValue>();
  const literal = new Evaluator({ resolve: () => undefined, bare: () => undefined }, meter);
  const runner = terragrunt[0];
  if (runner !== undefined) {
    const reason = (name: string) => `variable "${name}" is set by the Terragrunt inputs of ${runner}${terragrunt.length > 1 ? ` (and ${terragrunt.length - 1} more)` : ''}, which nospof does not evaluate`;
    for (const name of def.variables.keys()) inputs.set(name, { value: new UnknownValue(reason(name)) });
  }
  const apply = (file: VarFile) => {
    for (const item of file.body.items) {
      if (item.type !== 'Attribute') continue;
      inputs.set(item.name.name, { value: literal.evaluate(item.value), origin: { file: file.path, range: item.range }, expr: item.value });
    }
  };
  for (const file of def.autoVarFiles) apply(file);
  for (const file of settings.varFiles ?? []) {
    const body = parseVarFile(file.path, file.text);
    if (body) apply({ path: file.path, body });
  }
  for (const [name, text] of Object.entries(settings.vars ?? {})) {
    inputs.set(name, { value: parseVarValue(text, parseVarFile, literal) });
  }
  return inputs;
}

/** `--var l=["a","b"]` is HCL; `--var n=2` stays a string until the variable's type converts it. */
function parseVarValue(text: string, parse: VarFileParser, literal: Evaluator): TfValue {
  const trimmed = text.trim();
  if (!/^[[{]/.test(trimmed)) return text;
  const body = parse('<--var>.tfvars', `v = ${trimmed}\n`);
  const item = body?.items[0];
  return item?.type === 'Attribute' ? literal.evaluate(item.value) : text;
}

function readSettings(settings: Settings): TerraformSettings {
  const raw = settings.terraform;
  if (typeof raw !== 'object' || raw === null) return {};
  const t = raw as { varFiles?: unknown; vars?: unknown };
  const varFiles = Array.isArray(t.varFiles)
    ? (t.varFiles as unknown[]).filter((f): f is { path: string; text: string } => typeof f === 'object' && f !== null && typeof (f as { path?: unknown }).path === 'string' && typeof (f as { text?: unknown }).text === 'string')
    : [];
  const vars: Record<string, string> = {};
  if (typeof t.vars === 'object' && t.vars !== null) {
    for (const [k, v] of Object.entries(t.vars as Record<string, unknown>)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') vars[k] = String(v);
  }
  return { varFiles, vars };
}

/**
 * The Terraform index of one deployment unit: modules by directory, module calls, plans. Evaluations are
 * built lazily per distinct `settings.terraform` (command-line variables change every value) and memoised.
 */
export class TerraformIndex {
  readonly defs: ReadonlyMap<string, ModuleDef>;
  /** Module directories Terragrunt files of the unit run, with those files. */
  private readonly terragrunt: ReadonlyMap<string, readonly string[]>;
  private readonly manifests: ManifestEntry[] = [];
  private readonly plans: TerraformFile[] = [];
  private readonly planSets = new Map<string, PlanSet>();
  private readonly texts = new Map<string, string>();
  private readonly evaluations = new Map<string, Evaluation>();
  /** Settings objects seen before: rules ask once per resource, so the lookup must not re-serialise. */
  private readonly bySettings = new WeakMap<Settings, Evaluation>();
  private readonly ledgers = new Map<string, RuleLedger>();
  private byFile: FileBlocks[] | undefined;
  /** The unit's files by number, for the rules' ledgers. */
  private readonly fileNumbers = new Map<string, number>();
  private readonly files: readonly TerraformFile[];
  private types: Set<string> | undefined;
  private readonly typeAnswers = new Map<readonly string[], boolean>();

  constructor(
    files: readonly ParsedFile<TerraformFile>[],
    private readonly parseVarFile: VarFileParser,
  ) {
    const roots = files.map((f) => f.root).filter((r): r is TerraformFile => r !== undefined);
    this.files = roots;
    this.defs = buildModuleDefs(roots);
    this.terragrunt = terragruntTargets(roots, new Set(this.defs.keys()));
    for (const file of files) {
      if (!this.fileNumbers.has(file.source.path)) this.fileNumbers.set(file.source.path, this.fileNumbers.size);
      if (file.root?.kind !== 'plan' && file.root?.kind !== 'manifest') this.texts.set(file.source.path, file.source.text);
    }
    for (const root of roots) {
      if (root.kind === 'plan') {
        this.plans.push(root);
        this.planSets.set(root.path, new PlanSet(root));
      }
      if (root.kind === 'manifest' && Array.isArray(root.json)) {
        this.manifests.push(...(root.json as ManifestEntry[]));
      }
    }
  }

  private evaluation(settings: Settings): Evaluation {
    const seen = this.bySettings.get(settings);
    if (seen) return seen;
    const terraform = readSettings(settings);
    const key = JSON.stringify(terraform);
    let evaluation = this.evaluations.get(key);
    if (!evaluation) {
      evaluation = new Evaluation(this.defs, this.manifests, this.plans, terraform, this.parseVarFile, this.texts, this.terragrunt);
      this.evaluations.set(key, evaluation);
    }
    this.bySettings.set(settings, evaluation);
    return evaluation;
  }

  /**
   * Every instance of a resource block: once per module instance that contains it (a module called twice
   * gives two sets), expanded by count/for_each. A plan resource whose configuration is in the unit
   * gives the configuration's instance, which reads the plan's values.
   */
  instancesOf(node: Resource | PlanResource, settings: Settings): ResourceInstances {
    const evaluation = this.evaluation(settings);
    if ('plan' in node) {
      const covering = evaluation.covering.get(node);
      if (covering) return { instances: covering, unknown: [] };
      const set = this.planSets.get(node.file);
      return { instances: set ? [set.instance(node)] : [], unknown: [] };
    }
    const entry = evaluation.byResource.get(node.block);
    if (entry) return entry;
    const reason = this.overrideOf(node) ?? `the module in ${node.file} is not evaluated`;
    return { instances: [], unknown: [{ known: false, reason, range: node.header, file: node.file }] };
  }

  /**
   * Why a block is not judged as written because of Terraform's override files: it is in one (merged into
   * another file's block), or one changes it. nospof does not merge override files.
   */
  overrideOf(node: Resource | ModuleCall): string | undefined {
    if (isOverrideFile(node.file)) return `${node.file} is an override file: Terraform merges its blocks into other files' blocks, which nospof does not do`;
    const def = this.defs.get(dirname(node.file));
    const override = def && (node.type === 'ModuleCall' ? overrideIn(def, 'module', node.name) : overrideIn(def, 'resource', node.resource));
    return override === undefined ? undefined : `${node.resource} is changed by the override file ${override}, which nospof does not merge`;
  }

  /** Every evaluation of a `module` block (once per instance of the calling module, per count/for_each key). */
  callsOf(node: ModuleCall, settings: Settings): readonly ModuleCallInstance[] {
    return this.evaluation(settings).byCall.get(node.block) ?? [];
  }

  /** Every known instance of a resource type anywhere in the unit (cross-module facts: a backup replication naming a database). */
  instancesOfType(type: string, settings: Settings): readonly ResourceInstance[] {
    const evaluation = this.evaluation(settings);
    let byType = evaluation.byType;
    if (!byType) {
      byType = new Map();
      for (const entry of evaluation.byResource.values()) {
        for (const instance of entry.instances) {
          const list = byType.get(instance.resourceType);
          if (list) list.push(instance);
          else byType.set(instance.resourceType, [instance]);
        }
      }
      evaluation.byType = byType;
    }
    return byType.get(type) ?? [];
  }

  /**
   * What a rule has done in this unit (the files it traversed, the blocks it judged before the engine
   * reached their file): a rule judges each instance once per unit, at its own block when that file is
   * traversed, else after the first file it traverses (a file that is only context). Kept per unit and
   * per rule, filled as the engine visits.
   */
  ledger(rule: string): RuleLedger {
    let ledger = this.ledgers.get(rule);
    if (!ledger) {
      ledger = new RuleLedger(this.fileNumbers);
      this.ledgers.set(rule, ledger);
    }
    return ledger;
  }

  /**
   * True when a file of the unit (configuration or plan) has a resource block of one of `types`, whether
   * or not it is evaluated: a rule that judges only those types has nothing to do in a unit without one.
   */
  hasResourceOfType(types: readonly string[]): boolean {
    // Every file of the unit asks again for each rule: the answer is kept per list.
    const known = this.typeAnswers.get(types);
    if (known !== undefined) return known;
    let present = this.types;
    if (!present) {
      present = new Set();
      for (const file of this.files) for (const block of file.blocks) if (block.type === 'Resource') present.add(block.resourceType);
      this.types = present;
    }
    const answer = types.some((type) => (present as Set<string>).has(type));
    this.typeAnswers.set(types, answer);
    return answer;
  }

  /** The resource and module blocks of the unit's configuration, by file. */
  blocksByFile(): readonly FileBlocks[] {
    if (!this.byFile) {
      const byFile = new Map<string, { file: string; resources: Resource[]; calls: ModuleCall[] }>();
      const entry = (file: string) => {
        let e = byFile.get(file);
        if (!e) {
          e = { file, resources: [], calls: [] };
          byFile.set(file, e);
        }
        return e;
      };
      for (const def of this.defs.values()) {
        for (const r of def.resources.values()) entry(r.file).resources.push(r);
        for (const c of def.calls.values()) entry(c.file).calls.push(c);
        // A file of the module with no block a rule judges (variables.tf, outputs.tf, versions.tf) is
        // listed too, so a sweep accounts for it and no rule is created for it again. A file whose blocks
        // all lost to same-named ones elsewhere keeps them to be judged where they are.
        for (const file of def.files) {
          if (!byFile.has(file.path) && !file.blocks.some((b) => b.type === 'Resource' || b.type === 'ModuleCall')) entry(file.path);
        }
      }
      this.byFile = [...byFile.values()];
    }
    return this.byFile;
  }

  /** Budgets that stopped part of the evaluation so far (expansions are all known once the index is built). */
  budgetEvents(settings: Settings): readonly BudgetEvent[] {
    return this.evaluation(settings).meter.events;
  }

  /** Root module instances (for tests and tools). */
  roots(settings: Settings): readonly ModuleInstance[] {
    return this.evaluation(settings).roots;
  }
}

/**
 * How the value of a `module` block's argument got there (for modules judged at the call site); `path`
 * selects a part of it (`["default", "min_size"]` of `eks_managed_node_groups`), followed as far as it is written.
 */
export function traceCallInput(call: ModuleCallInstance, name: string, path: readonly (string | number)[] = []): Trail | undefined {
  const argument = attributeOf(call.call.block.body, name);
  if (!argument) return undefined;
  const parent = call.parent;
  const forEach = attributeOf(call.call.block.body, 'for_each');
  // Written out, not spread from `outer`: see `withSteps`.
  const outer = traceScope(parent, parent.evaluator, call.call.file);
  const each = forEach && typeof call.site.key === 'string' ? { expr: forEach.value, key: call.site.key, scope: outer, file: call.call.file } : undefined;
  const trail = traceExpression(argument.value, traceScope(parent, parent.evaluatorFor(call.site), call.call.file, each), path);
  return trail.steps.length > 0 ? trail : { steps: [{ file: call.call.file, range: argument.value.range, kind: 'value' }], direct: false };
}
