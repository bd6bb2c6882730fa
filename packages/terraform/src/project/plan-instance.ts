import type { Unknown } from '@nospof/core';
import type { PlanResource, TerraformFile } from '../model/types.js';
import type { CallSite, Origin } from './module-instance.js';
import { PlanBlockView } from './views.js';

/**
 * A resource known only from a plan file (its configuration is not in the scan): every value is resolved,
 * findings land on its address in the plan.
 */
export class PlanInstance extends PlanBlockView {
  readonly callChain: readonly CallSite[] = [];

  constructor(
    readonly node: PlanResource,
    private readonly set: PlanSet,
  ) {
    super(node.file, node.header, node.values);
  }

  get address(): string {
    return this.node.resource;
  }

  /** The address, with the instance key: each instance is its own finding. */
  get resource(): string {
    return this.node.resource;
  }

  /** The instance key of the address (`[0]`, `["a"]`), or '' without one. */
  get key(): string {
    const address = this.node.resource;
    return address.endsWith(']') ? address.slice(address.lastIndexOf('[', address.lastIndexOf(']'))) : '';
  }

  get resourceType(): string {
    return this.node.resourceType;
  }

  get name(): string {
    return this.node.name;
  }

  /** Plan values are resolved: nothing was passed in from elsewhere. */
  origins(): Origin[] {
    return [];
  }

  /** Resources of `type` in the same module of the plan. */
  siblings(type: string): readonly PlanInstance[] | Unknown {
    return this.set.inModule(modulePrefix(this.node.resource), type);
  }
}

/** The resources of one plan file, grouped by module once (a plan may hold tens of thousands). */
export class PlanSet {
  private readonly byModule = new Map<string, PlanResource[]>();
  private readonly instances = new Map<PlanResource, PlanInstance>();

  constructor(file: TerraformFile) {
    for (const block of file.blocks) {
      if (block.type !== 'Resource' || !('plan' in block)) continue;
      const prefix = modulePrefix(block.resource);
      const list = this.byModule.get(prefix);
      if (list) list.push(block);
      else this.byModule.set(prefix, [block]);
    }
  }

  instance(node: PlanResource): PlanInstance {
    let instance = this.instances.get(node);
    if (!instance) {
      instance = new PlanInstance(node, this);
      this.instances.set(node, instance);
    }
    return instance;
  }

  private readonly ofType = new Map<string, readonly PlanInstance[]>();

  /** Kept per module and type: each resource of a module asks for its neighbours. */
  inModule(prefix: string, type: string): readonly PlanInstance[] {
    const key = `${prefix}\u0000${type}`;
    let found = this.ofType.get(key);
    if (found === undefined) {
      found = (this.byModule.get(prefix) ?? []).filter((r) => r.resourceType === type).map((r) => this.instance(r));
      this.ofType.set(key, found);
    }
    return found;
  }
}

function modulePrefix(address: string): string {
  const i = address.lastIndexOf('module.');
  if (i === -1) return '';
  const rest = address.slice(i);
  const dot = rest.indexOf('.', 'module.'.length);
  return address.slice(0, i) + rest.slice(0, dot);
}
