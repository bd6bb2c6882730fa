import type { Unknown } from '@nospof/core';
import type { PlanResource } from '../model/types.js';
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
    private readonly all: readonly PlanResource[],
    private readonly wrap: (node: PlanResource) => PlanInstance,
  ) {
    super(node.file, node.header, node.values);
  }

  get address(): string {
    return this.node.resource;
  }

  /** The address without the instance key. */
  get resource(): string {
    return this.node.resource.replace(/\[[^\]]*\]$/, '');
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
  siblings(type: string): PlanInstance[] | Unknown {
    const modulePath = modulePrefix(this.node.resource);
    return this.all.filter((r) => r.resourceType === type && modulePrefix(r.resource) === modulePath).map(this.wrap);
  }
}

function modulePrefix(address: string): string {
  const i = address.lastIndexOf('module.');
  if (i === -1) return '';
  const rest = address.slice(i);
  const dot = rest.indexOf('.', 'module.'.length);
  return address.slice(0, i) + rest.slice(0, dot);
}
