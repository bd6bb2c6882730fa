import { PolicyBudget, policyUnknown, type AttributePath, type DeploymentUnit, type ParsedFile, type PolicyLocation, type PolicyObject, type PolicyResource, type PolicyUnit, type PolicyValue, type Settings } from '@nospof/core';
import { UnknownValue, isUnknown, type TfValue } from '../eval/tf-value.js';
import type { DataSource, ModuleCall, PlanResource, Resource, TerraformFile } from '../model/types.js';
import { attributeOf } from '../project/body.js';
import { expand, keySuffix, type ModuleInstance } from '../project/module-instance.js';
import type { TerraformIndex } from '../project/terraform-index.js';
import { ConfigBlockView } from '../project/views.js';
import { basename } from '../util/paths.js';
import { blockAttributes, MODULE_META, planAttributes, PolicyConverter, RESOURCE_META, withPlanValues } from './attributes.js';
import { hasValueAt, locateInConfig, type Subject } from './locate.js';

/** Module instances visited for one unit at most: the evaluation's own budget already bounds them. */
const MAX_MODULE_INSTANCES = 20_000;

/** The unit's files with its entry file first: the root module's `main.tf`, else its first configuration file. */
function orderFiles(unit: DeploymentUnit, files: readonly ParsedFile<TerraformFile>[]): string[] {
  const rootDir = unit.id === '.' ? '' : unit.id;
  const kinds = new Map(files.map((f) => [f.source.path, f.root?.kind] as const));
  const rank = (path: string): number => {
    const inRoot = (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '') === rootDir;
    if (inRoot && basename(path) === 'main.tf') return 0;
    if (inRoot && kinds.get(path) === 'config') return 1;
    return inRoot ? 2 : 3;
  };
  return [...unit.files].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** An evaluator where the instance keys of a block with unknown instances are unknown too. */
function unknownKeys(module: ModuleInstance, body: ModuleCall['block']['body'], reason: string): ModuleInstance['evaluator'] {
  const unknown = new UnknownValue(reason);
  const vars: Record<string, TfValue> = {};
  if (attributeOf(body, 'count')) vars.count = { index: unknown };
  if (attributeOf(body, 'for_each')) vars.each = { key: unknown, value: unknown };
  return module.evaluator.withVars(vars);
}

/** The meta-argument that made the instances unknown, as the attribute a policy sees. */
function unknownExpansion(body: ModuleCall['block']['body'], reason: string): Record<string, PolicyValue> {
  return { [attributeOf(body, 'count') ? 'count' : 'for_each']: policyUnknown(reason) };
}

class UnitBuilder {
  readonly resources: PolicyResource[] = [];
  private readonly convert: PolicyConverter;

  constructor(
    private readonly index: TerraformIndex,
    private readonly settings: Settings,
    budget: PolicyBudget,
  ) {
    this.convert = new PolicyConverter(budget);
  }

  private push(subject: Subject, type: string, name: string, attributes: PolicyObject): void {
    const located = (path: AttributePath): PolicyLocation | undefined => (hasValueAt(attributes, path) ? locateInConfig(subject, path) : undefined);
    this.resources.push({ id: subject.address, type, name, file: subject.file, range: subject.header, attributes, locate: located });
  }

  /** Every block of a module instance, then the module instances it calls, depth first in source order. */
  module(instance: ModuleInstance, budget: { left: number }): void {
    if (--budget.left < 0) return;
    for (const [address, node] of instance.def.resources) this.resource(instance, address, node);
    for (const node of instance.def.data.values()) this.data(instance, node);
    for (const [name, call] of instance.def.calls) {
      const children = instance.children(name);
      if (!Array.isArray(children)) {
        this.unfollowedCall(instance, call, (children as UnknownValue).reason);
        continue;
      }
      // Each instance of the call, then what it contains.
      for (const child of children as readonly ModuleInstance[]) {
        this.callInstance(instance, call, child);
        this.module(child, budget);
      }
    }
  }

  private resource(module: ModuleInstance, address: string, node: Resource): void {
    const instances = module.resourceInstances(address);
    const body = node.block.body;
    const base = { file: node.file, header: node.header, module, body, chain: module.callChain, forEach: attributeOf(body, 'for_each') };
    if (isUnknown(instances)) {
      const evaluator = unknownKeys(module, body, instances.reason);
      const view = new ConfigBlockView(node.file, node.header, body, evaluator, node.block);
      const attributes = { ...blockAttributes(view, body, this.convert, RESOURCE_META), ...unknownExpansion(body, instances.reason) };
      this.push({ ...base, address: `${module.prefix}${address}`, evaluator, key: undefined, view }, node.resourceType, node.name, attributes);
      return;
    }
    for (const instance of instances) {
      const view = new ConfigBlockView(node.file, node.header, body, instance.evaluator, node.block);
      const config = blockAttributes(view, body, this.convert, RESOURCE_META);
      const planned = instance.planned;
      const attributes = planned ? withPlanValues(config, planned.values, this.convert, RESOURCE_META) : config;
      this.push({ ...base, address: instance.address, evaluator: instance.evaluator, key: instance.key, view, planned }, node.resourceType, node.name, attributes);
    }
  }

  private data(module: ModuleInstance, node: DataSource): void {
    const body = node.block.body;
    const forEach = attributeOf(body, 'for_each');
    const count = attributeOf(body, 'count');
    const address = `${module.prefix}data.${node.dataType}.${node.name}`;
    const base = { file: node.file, header: node.header, module, body, chain: module.callChain, forEach };
    const type = `data.${node.dataType}`;
    const expansion = expand(module.evaluator, count, forEach);
    if (isUnknown(expansion)) {
      const evaluator = unknownKeys(module, body, expansion.reason);
      const view = new ConfigBlockView(node.file, node.header, body, evaluator, node.block);
      this.push({ ...base, address, evaluator, key: undefined, view }, type, node.name, { ...blockAttributes(view, body, this.convert, RESOURCE_META), ...unknownExpansion(body, expansion.reason) });
      return;
    }
    for (const key of expansion.keys ?? [undefined]) {
      const vars: Record<string, TfValue> = typeof key === 'number' ? { count: { index: key } } : key !== undefined ? { each: { key, value: expansion.each.get(key) ?? key } } : {};
      const evaluator = key === undefined ? module.evaluator : module.evaluator.withVars(vars);
      const view = new ConfigBlockView(node.file, node.header, body, evaluator, node.block);
      this.push({ ...base, address: `${address}${keySuffix(key)}`, evaluator, key, view }, type, node.name, blockAttributes(view, body, this.convert, RESOURCE_META));
    }
  }

  /** A `module` block nospof did not follow: its instances are unknown, or its code is not in the scan. */
  private unfollowedCall(parent: ModuleInstance, node: ModuleCall, reason: string): void {
    const body = node.block.body;
    const base = { file: node.file, header: node.header, module: parent, body, chain: parent.callChain, forEach: attributeOf(body, 'for_each') };
    const expansion = expand(parent.evaluator, attributeOf(body, 'count'), attributeOf(body, 'for_each'));
    if (isUnknown(expansion)) {
      const evaluator = unknownKeys(parent, body, reason);
      const view = new ConfigBlockView(node.file, node.header, body, evaluator, node.block);
      this.push({ ...base, address: `${parent.prefix}module.${node.name}`, evaluator, key: undefined, view }, 'module', node.name, { ...blockAttributes(view, body, this.convert, MODULE_META), ...unknownExpansion(body, expansion.reason) });
      return;
    }
    for (const key of expansion.keys ?? [undefined]) {
      const vars: Record<string, TfValue> = typeof key === 'number' ? { count: { index: key } } : key !== undefined ? { each: { key, value: expansion.each.get(key) ?? key } } : {};
      const evaluator = key === undefined ? parent.evaluator : parent.evaluator.withVars(vars);
      const view = new ConfigBlockView(node.file, node.header, body, evaluator, node.block);
      this.push({ ...base, address: `${parent.prefix}module.${node.name}${keySuffix(key)}`, evaluator, key, view }, 'module', node.name, blockAttributes(view, body, this.convert, MODULE_META));
    }
  }

  private callInstance(parent: ModuleInstance, node: ModuleCall, child: ModuleInstance): void {
    const site = child.callSite;
    if (!site) return;
    const body = node.block.body;
    const evaluator = parent.evaluatorFor(site);
    const view = new ConfigBlockView(node.file, node.header, body, evaluator, node.block);
    const subject: Subject = { address: child.path, file: node.file, header: node.header, module: parent, body, chain: parent.callChain, forEach: attributeOf(body, 'for_each'), evaluator, key: site.key, view };
    this.push(subject, 'module', node.name, blockAttributes(view, body, this.convert, MODULE_META));
  }

  /** Plan resources whose configuration is not in the unit: their values as planned, located at their address. */
  planOnly(file: TerraformFile): void {
    for (const node of file.blocks) {
      if (node.type !== 'Resource' || !('plan' in node)) continue;
      const plan = node as PlanResource;
      const found = this.index.instancesOf(plan, this.settings).instances;
      if (found.some((i) => 'module' in i)) continue;
      const attributes = planAttributes(plan.values, this.convert);
      const here: PolicyLocation = { file: plan.file, range: plan.header };
      // Plan files give managed resources only (`mode: managed`).
      this.resources.push({
        id: plan.resource,
        type: plan.resourceType,
        name: plan.name,
        file: plan.file,
        range: plan.header,
        attributes,
        locate: (path) => (hasValueAt(attributes, path) ? here : undefined),
      });
    }
  }
}

/**
 * What policies see of one Terraform deployment unit (a root module with its module tree): every
 * resource, data source and module call instance of the evaluated configuration, with the ids findings
 * use, resolved attributes and `locate` pointing where a value was written. Built only when policies run.
 */
export function terraformPolicyUnit(unit: DeploymentUnit, files: readonly ParsedFile<TerraformFile>[], index: TerraformIndex, settings: Settings): PolicyUnit {
  const builder = new UnitBuilder(index, settings, new PolicyBudget());
  const budget = { left: MAX_MODULE_INSTANCES };
  for (const root of index.roots(settings)) builder.module(root, budget);
  for (const file of files) if (file.root?.kind === 'plan') builder.planOnly(file.root);
  return { language: 'terraform', unit: unit.id, resources: builder.resources, files: orderFiles(unit, files) };
}
