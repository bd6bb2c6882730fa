import { isPolicyUnknown, mapList, type AttributePath, type PolicyLocation, type PolicyValue, type Range, type RelatedLocation } from '@nospof/core';
import type { Attribute, Body } from '../hcl/ast.js';
import type { Evaluator } from '../eval/expression.js';
import type { PlanResource } from '../model/types.js';
import type { CallSite, ModuleInstance } from '../project/module-instance.js';
import { stepOf, traceExpression, traceScope, withSteps, type Trail, type TrailStep } from '../project/trace.js';
import type { BlockView } from '../project/views.js';

/** What a policy resource is built from: one evaluated block (resource, data source or module call instance). */
export interface Subject {
  readonly address: string;
  readonly file: string;
  readonly header: Range;
  /** The module instance whose names the block's expressions read. */
  readonly module: ModuleInstance;
  /** The block's evaluator (`count.index`, `each.*` bound). */
  readonly evaluator: Evaluator;
  readonly key: number | string | undefined;
  readonly forEach: Attribute | undefined;
  /** The configuration view and body of the block. */
  readonly view: BlockView;
  readonly body: Body;
  /** The module calls from the root down to the block. */
  readonly chain: readonly CallSite[];
  readonly planned?: PlanResource | undefined;
}

const STEP_MESSAGES: Record<TrailStep['kind'], string> = {
  value: 'the value is written here',
  reference: 'the value is passed on here',
  tfvars: 'the value is set here (tfvars)',
  argument: 'passed to the module here',
  default: 'the variable default decides',
  local: 'through this local value',
  output: 'through this module output',
  for_each: 'from this for_each entry',
  condition: 'this condition picks the value',
  attribute: 'read here',
};

/** Code `terraform init` installed under `.terraform/modules`: not the caller's to edit. */
function isInstalled(file: string): boolean {
  return file.startsWith('.terraform/') || file.includes('/.terraform/');
}

/** The value at `path` in resolved attributes: present (possibly inside an Unknown), or absent. */
export function hasValueAt(attributes: PolicyValue, path: AttributePath): boolean {
  let current: PolicyValue | undefined = attributes;
  for (const segment of path) {
    if (current === undefined || current === null) return false;
    if (isPolicyUnknown(current)) return true;
    if (Array.isArray(current)) {
      if (typeof segment !== 'number') return false;
      current = (current as readonly PolicyValue[])[segment];
    } else if (typeof current === 'object') {
      const object = current as Readonly<Record<string, PolicyValue>>;
      current = Object.prototype.hasOwnProperty.call(object, String(segment)) ? object[String(segment)] : undefined;
    } else return false;
  }
  return current !== undefined;
}

/** How the value at `rest` inside attribute `attribute` of `within` got there, as built-in rules trace it. */
function trailOf(subject: Subject, attribute: Attribute, within: BlockView, rest: readonly (string | number)[]): Trail {
  // Scopes, steps and trails written out, not spread: see `withSteps`.
  const moduleScope = traceScope(subject.module, subject.module.evaluator, subject.file);
  const each = subject.forEach && typeof subject.key === 'string' ? { expr: subject.forEach.value, key: subject.key, scope: moduleScope, file: subject.file } : undefined;
  const trail = traceExpression(attribute.value, traceScope(subject.module, subject.evaluator, subject.file, each), rest);
  const steps = mapList(trail.steps, (s, i) => (i === trail.steps.length - 1 && i > 0 && s.file === within.file && s.range.start.offset === attribute.value.range.start.offset ? stepOf(s, 'attribute') : s));
  if (steps.length === 0) return { steps: [{ file: within.file, range: attribute.value.range, kind: 'value' }], direct: false };
  return withSteps(trail, steps);
}

/**
 * Where a finding about a traced value lands, as `terraform` rules place it: the outermost place the value
 * was written outside installed module code (a tfvars line, the caller's argument, a default), or the
 * `module` block where an argument must be added when a module variable's own default decided; the other
 * places, the resource and the module calls on the way are the trail.
 */
function place(subject: Subject, trail: Trail): PolicyLocation {
  const related: RelatedLocation[] = [];
  const step = (s: TrailStep): RelatedLocation => ({ file: s.file, range: s.range, message: STEP_MESSAGES[s.kind] });
  let primary: { file: string; range: Range } | undefined;
  const add = trail.addAt;
  if (add && !isInstalled(add.call.file)) {
    primary = { file: add.call.file, range: add.call.header };
    related.push(...trail.steps.map(step));
  } else {
    const first = trail.steps.findIndex((s) => !isInstalled(s.file));
    if (first !== -1) {
      const chosen = trail.steps[first] as TrailStep;
      primary = { file: chosen.file, range: chosen.range };
      related.push(...trail.steps.filter((_, i) => i !== first).map(step));
    } else related.push(...trail.steps.map(step));
  }
  if (!primary) {
    const site = subject.chain.find((s) => s.remote === true && !isInstalled(s.call.file)) ?? subject.chain.find((s) => !isInstalled(s.call.file));
    primary = site ? { file: site.call.file, range: site.call.header } : { file: subject.file, range: subject.header };
  }
  if (primary.file !== subject.file || primary.range.start.offset !== subject.header.start.offset) {
    related.push({ file: subject.file, range: subject.header, message: `the resource (${subject.address})` });
  }
  for (const site of subject.chain) related.push({ file: site.call.file, range: site.call.header, message: `in this call of the module (${site.call.resource})` });
  if (subject.planned) related.push({ file: subject.planned.file, range: subject.planned.header, message: `planned as ${subject.planned.resource}` });
  const seen = new Set<string>([`${primary.file}\u0000${primary.range.start.offset}`]);
  const trailOut = related.filter((r) => {
    const key = `${r.file}\u0000${r.range.start.offset}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return trailOut.length > 0 ? { ...primary, trail: trailOut } : primary;
}

/**
 * Where the value at `path` of a configuration block was written. Attribute names and nested block types
 * alternate with list indexes (`["ebs_block_device", 0, "volume_size"]`); once the path reaches an
 * argument, the rest selects inside its value (`["tags", "env"]`) and is followed through variables,
 * locals, `each.value` and module inputs. Undefined when nothing in the configuration writes it.
 */
export function locateInConfig(subject: Subject, path: AttributePath): PolicyLocation | undefined {
  let view: BlockView = subject.view;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (typeof segment !== 'string') return undefined;
    const attribute = view.attribute(segment);
    if (attribute) return place(subject, trailOf(subject, attribute, view, path.slice(i + 1)));
    const blocks = view.blocks(segment);
    if (!Array.isArray(blocks)) {
      const dynamic = view.block?.body.items.find((b) => b.type === 'Block' && b.blockType.name === 'dynamic' && b.labels[0]?.value === segment);
      return dynamic ? place(subject, { steps: [{ file: view.file, range: dynamic.range, kind: 'value' }], direct: false }) : undefined;
    }
    const list = blocks as readonly BlockView[];
    const next = path[i + 1];
    const chosen = typeof next === 'number' ? list[next] : next === undefined ? list[0] : undefined;
    if (!chosen) return undefined;
    if (next === undefined || i + 2 >= path.length) return place(subject, { steps: [{ file: chosen.file, range: chosen.range, kind: 'value' }], direct: false });
    view = chosen;
    i++;
  }
  return undefined;
}
