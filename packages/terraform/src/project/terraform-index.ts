import type { ParsedFile, Settings, Unknown } from '@nospof/core';
import type { Body } from '../hcl/ast.js';
import { Evaluator } from '../eval/expression.js';
import { isUnknown, type TfValue } from '../eval/tf-value.js';
import type { ModuleCall, PlanResource, Resource, TerraformFile } from '../model/types.js';
import { isLocalSource, joinPath } from '../util/paths.js';
import { attributeOf } from './body.js';
import type { ManifestEntry } from './manifest.js';
import { buildModuleDefs, type ModuleDef, type VarFile } from './module-def.js';
import { ModuleInstance, type CallSite, type InputValue, type World } from './module-instance.js';
import { PlanInstance } from './plan-instance.js';
import type { ResourceInstance } from './resource-instance.js';
import { ConfigBlockView, type BlockView } from './views.js';

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

function literalString(body: Body, name: string): string | undefined {
  const value = attributeOf(body, name)?.value;
  if (value?.type !== 'TemplateExpr' || value.parts.some((p) => p.type !== 'TemplateLiteral')) return undefined;
  return value.parts.map((p) => (p.type === 'TemplateLiteral' ? p.value : '')).join('');
}

/** Where a call's code is, without evaluating anything: `(module directory, call, call key) => directory`. */
type StaticResolver = (def: ModuleDef, call: ModuleCall, key: string, rootDir: string) => string | undefined;

/** Static resource addresses of a module tree (instance keys dropped), for matching plans to roots. */
function staticAddresses(defs: ReadonlyMap<string, ModuleDef>, def: ModuleDef, prefix: string, key: string, rootDir: string, resolve: StaticResolver, out: Set<string>, depth = 0): void {
  if (depth > 16) return;
  for (const address of def.resources.keys()) out.add(`${prefix}${address}`);
  for (const call of def.calls.values()) {
    const callKey = key === '' ? call.name : `${key}.${call.name}`;
    const dir = resolve(def, call, callKey, rootDir);
    const child = dir === undefined ? undefined : defs.get(dir);
    if (child) staticAddresses(defs, child, `${prefix}module.${call.name}.`, callKey, rootDir, resolve, out, depth + 1);
  }
}

/**
 * Module instances one evaluation may create. Real monorepos have hundreds; modules that call each other
 * twice per level grow exponentially, and must not hang the run (the rest becomes unknown).
 */
const MAX_MODULE_INSTANCES = 20_000;

function stripKeys(address: string): string {
  return address.replace(/\[[^\]]*\]/g, '');
}

/** Everything evaluated for one set of settings (tfvars from the command line change every value). */
class Evaluation implements World {
  readonly roots: ModuleInstance[] = [];
  readonly byResource = new Map<Resource, { instances: ResourceInstance[]; unknown: Unknown[] }>();
  readonly byCall = new Map<ModuleCall, ModuleCallInstance[]>();
  private readonly planFor = new Map<ModuleInstance, Map<string, Readonly<Record<string, unknown>>>>();
  /** Plan resources a configuration instance already covers (their findings land in the .tf file). */
  readonly coveredPlanResources = new Set<PlanResource>();
  private instanceBudget = MAX_MODULE_INSTANCES;

  constructor(
    readonly defs: ReadonlyMap<string, ModuleDef>,
    private readonly manifests: readonly ManifestEntry[],
    plans: readonly TerraformFile[],
    settings: TerraformSettings,
    parseVarFile: VarFileParser,
  ) {
    const called = new Set<string>();
    for (const def of defs.values()) {
      for (const call of def.calls.values()) {
        const source = literalString(call.block.body, 'source');
        const dir = source && isLocalSource(source) ? joinPath(def.dir, source) : undefined;
        if (dir !== undefined && dir !== def.dir) called.add(dir);
      }
    }
    for (const entry of manifests) called.add(entry.dir);
    for (const def of defs.values()) {
      if (called.has(def.dir)) continue;
      this.roots.push(new ModuleInstance(this, def, '', undefined, rootInputs(def, settings, parseVarFile)));
    }
    this.assignPlans(plans);
    for (const root of this.roots) this.walk(root);
  }

  private assignPlans(plans: readonly TerraformFile[]): void {
    if (plans.length === 0) return;
    const rootAddresses = this.roots.map((root) => {
      const set = new Set<string>();
      staticAddresses(this.defs, root.def, '', '', root.def.dir, (def, call, key, rootDir) => this.resolveSource(def.dir, call, key, rootDir), set);
      return set;
    });
    for (const plan of plans) {
      const resources = plan.blocks.filter((b): b is PlanResource => b.type === 'Resource' && 'plan' in b);
      let best = -1;
      let bestCount = 0;
      rootAddresses.forEach((set, i) => {
        const count = resources.filter((r) => set.has(stripKeys(r.resource))).length;
        if (count > bestCount) [best, bestCount] = [i, count];
      });
      const root = this.roots[best];
      if (!root) continue;
      const map = this.planFor.get(root) ?? new Map<string, Readonly<Record<string, unknown>>>();
      const set = rootAddresses[best] as Set<string>;
      for (const r of resources) {
        if (!set.has(stripKeys(r.resource))) continue;
        map.set(r.resource, r.values);
        this.coveredPlanResources.add(r);
      }
      this.planFor.set(root, map);
    }
  }

  private walk(instance: ModuleInstance): void {
    for (const [address, node] of instance.def.resources) {
      const entry = this.byResource.get(node) ?? { instances: [], unknown: [] };
      const instances = instance.resourceInstances(address);
      if (isUnknown(instances)) entry.unknown.push({ known: false, reason: instances.reason, range: node.header, file: node.file });
      else entry.instances.push(...instances);
      this.byResource.set(node, entry);
    }
    for (const [name, call] of instance.def.calls) {
      const children = instance.children(name);
      const source = literalString(call.block.body, 'source') ?? '';
      const sites: CallSite[] = isUnknown(children) ? [{ call, parent: instance }] : children.map((c) => c.callSite as CallSite);
      const list = this.byCall.get(call) ?? [];
      for (const site of sites) {
        const evaluator = instance.evaluatorFor(site);
        list.push({
          call,
          parent: instance,
          site,
          inputs: new ConfigBlockView(call.file, call.header, call.block.body, evaluator, call.block),
          address: `${instance.prefix}module.${name}${site.key === undefined ? '' : typeof site.key === 'number' ? `[${site.key}]` : `["${site.key}"]`}`,
          source,
          followed: !isUnknown(children),
        });
      }
      this.byCall.set(call, list);
      if (!isUnknown(children)) for (const child of children) this.walk(child);
    }
  }

  resolveCall(parent: ModuleInstance, call: ModuleCall): string | undefined {
    const key = parent.callKey === '' ? call.name : `${parent.callKey}.${call.name}`;
    return this.resolveSource(parent.def.dir, call, key, parent.root.def.dir);
  }

  /** Local sources relative to the calling directory; others through the modules.json of the root. */
  private resolveSource(dir: string, call: ModuleCall, key: string, rootDir: string): string | undefined {
    const source = literalString(call.block.body, 'source');
    if (source === undefined) return undefined;
    if (isLocalSource(source)) return joinPath(dir, source);
    const entry = this.manifests.find((m) => m.key === key && m.root === rootDir) ?? this.manifests.find((m) => m.key === key);
    return entry?.dir;
  }

  planValues(root: ModuleInstance, address: string): Readonly<Record<string, unknown>> | undefined {
    return this.planFor.get(root)?.get(address);
  }

  reserveInstances(count: number): boolean {
    if (count > this.instanceBudget) return false;
    this.instanceBudget -= count;
    return true;
  }
}

/** Root-module variable values: tfvars Terraform loads itself, then --var-file, then --var. */
function rootInputs(def: ModuleDef, settings: TerraformSettings, parseVarFile: VarFileParser): Map<string, InputValue> {
  const inputs = new Map<string, InputValue>();
  const literal = new Evaluator({ resolve: () => undefined, bare: () => undefined });
  const apply = (file: VarFile) => {
    for (const item of file.body.items) {
      if (item.type !== 'Attribute') continue;
      inputs.set(item.name.name, { value: literal.evaluate(item.value), origin: { file: file.path, range: item.range } });
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
 * The Terraform project index: modules by directory, module calls, plans. Evaluations are built lazily
 * per distinct `settings.terraform` (command-line variables change every value) and memoised.
 */
export class TerraformIndex {
  readonly defs: ReadonlyMap<string, ModuleDef>;
  private readonly manifests: ManifestEntry[] = [];
  private readonly plans: TerraformFile[] = [];
  private readonly evaluations = new Map<string, Evaluation>();
  /** Settings objects seen before: rules ask once per resource, so the lookup must not re-serialise. */
  private readonly bySettings = new WeakMap<Settings, Evaluation>();

  constructor(
    files: readonly ParsedFile<TerraformFile>[],
    private readonly parseVarFile: VarFileParser,
  ) {
    const roots = files.map((f) => f.root).filter((r): r is TerraformFile => r !== undefined);
    this.defs = buildModuleDefs(roots);
    for (const root of roots) {
      if (root.kind === 'plan') this.plans.push(root);
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
      evaluation = new Evaluation(this.defs, this.manifests, this.plans, terraform, this.parseVarFile);
      this.evaluations.set(key, evaluation);
    }
    this.bySettings.set(settings, evaluation);
    return evaluation;
  }

  /**
   * Every instance of a resource block: once per module instance that contains it (a module called twice
   * gives two sets), expanded by count/for_each. A plan resource whose configuration is in the scan has
   * no instances here: it is judged through its configuration block, with the plan's values.
   */
  instancesOf(node: Resource | PlanResource, settings: Settings): ResourceInstances {
    const evaluation = this.evaluation(settings);
    if ('plan' in node) {
      if (evaluation.coveredPlanResources.has(node)) return { instances: [], unknown: [] };
      const plan = this.plans.find((p) => p.path === node.file);
      const all = (plan?.blocks ?? []).filter((b): b is PlanResource => b.type === 'Resource' && 'plan' in b);
      const wrap = (r: PlanResource): PlanInstance => new PlanInstance(r, all, wrap);
      return { instances: [wrap(node)], unknown: [] };
    }
    const entry = evaluation.byResource.get(node);
    if (entry) return entry;
    return { instances: [], unknown: [{ known: false, reason: `the module in ${node.file} is not evaluated`, range: node.header, file: node.file }] };
  }

  /** Every evaluation of a `module` block (once per instance of the calling module, per count/for_each key). */
  callsOf(node: ModuleCall, settings: Settings): readonly ModuleCallInstance[] {
    return this.evaluation(settings).byCall.get(node) ?? [];
  }

  /** Root module instances (for tests and tools). */
  roots(settings: Settings): readonly ModuleInstance[] {
    return this.evaluation(settings).roots;
  }
}
