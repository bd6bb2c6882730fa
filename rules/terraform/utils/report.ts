import type { Fixer, Locatable, MessageData, Range, RelatedDescriptor, ReportDescriptor, RuleContext, Value } from '@nospof/core';
import type { BlockView, CallSite, Instance, Trail, TrailStep } from '@nospof/terraform';
import { insertLines, isLiteralText, type FixFn, type FixIntent } from './fixes.js';

export interface InstanceReport<M extends string> {
  readonly instance: Instance;
  /** The value the finding is about (its absence means a default decides). */
  readonly value?: Value<unknown>;
  /** The attribute the value was read from, in `at` (or the instance); its trail places the finding. */
  readonly attr?: string;
  /** The nested block the finding is about: where it lands when no value is written. */
  readonly at?: BlockView | undefined;
  /**
   * The nested block type whose absence (in `at`, or the instance) the finding is about. When a `dynamic`
   * block of that type wrote none, its `for_each` decides: the finding lands where that value was written
   * (a caller's argument, a tfvars line, a variable default), as an attribute's would.
   */
  readonly missing?: string;
  /** Another instance the attribute belongs to (an autoscaling target's `min_capacity`). */
  readonly owner?: Instance;
  readonly messageId: M;
  readonly data?: MessageData;
  readonly fix?: FixIntent | undefined;
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
export function isInstalled(file: string): boolean {
  return file.startsWith('.terraform/') || file.includes('/.terraform/');
}

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i === -1 ? '' : file.slice(0, i);
}

function keyText(key: number | string | undefined): string {
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

interface Place {
  readonly file: string;
  readonly range: Range;
}

/** The outermost module call into installed code, whose `module` block is in the user's code. */
function userCallSite(chain: readonly CallSite[]): CallSite | undefined {
  return chain.find((site) => site.remote === true && !isInstalled(site.call.file)) ?? chain.find((site) => !isInstalled(site.call.file));
}

interface Placement {
  readonly primary: Place;
  readonly related: RelatedDescriptor[];
  readonly fix?: FixFn | undefined;
}

/**
 * Where a finding lands (DESIGN.md principle 3): on the outermost place the deciding value was written
 * (a tfvars line, a caller's argument, a root variable's default), with the way to the resource as the
 * trail; on the `module` block when the module's own default decided (the argument must be added there);
 * on the attribute, nested block or resource header when the value is written there or absent. Code
 * installed under `.terraform` is never the primary place: the user's `module` block is. The placement
 * depends only on the instance, never on the file being visited, so every visit reports the same finding.
 */
function place(instance: Instance, trail: Trail | undefined, at: BlockView | undefined, intent: FixIntent | undefined, textOf: (file: string) => string | undefined, value?: Value<unknown>): Placement {
  const chain = 'callChain' in instance ? instance.callChain : [];
  const related: RelatedDescriptor[] = [];
  const step = (s: TrailStep): RelatedDescriptor => ({ node: { range: s.range }, file: s.file, message: STEP_MESSAGES[s.kind] });
  let primary: Place | undefined;
  let fix: FixFn | undefined;
  if (trail && trail.steps.length > 0) {
    const add = trail.addAt;
    if (add && !isInstalled(add.call.file)) {
      primary = { file: add.call.file, range: add.call.header };
      for (const s of trail.steps) related.push(step(s));
    } else {
      const first = trail.steps.findIndex((s) => !isInstalled(s.file));
      if (first !== -1) {
        const chosen = trail.steps[first] as TrailStep;
        primary = { file: chosen.file, range: chosen.range };
        // A rule may point inside a value written right here (the one handle of a message that matters).
        const inner = value?.range;
        if (trail.steps.length === 1 && inner && (value?.file ?? chosen.file) === chosen.file && inner.start.offset >= chosen.range.start.offset && inner.end.offset <= chosen.range.end.offset) {
          primary = { file: chosen.file, range: inner };
        }
        // Loops rather than spreading a mapped list: `map` returns a packed list before its caller is
        // optimised and a holey one after, and the spread deoptimised this function in the timed rounds.
        for (let i = 0; i < trail.steps.length; i++) if (i !== first) related.push(step(trail.steps[i] as TrailStep));
        // Only a literal written in the attribute itself is replaced: a variable or tfvars line may feed other values too.
        if (intent?.kind === 'set' && trail.steps.length === 1 && isLiteralText(intent.view, intent.name)) {
          const range = chosen.range;
          fix = (fixer: Fixer) => fixer.replace({ range }, intent.text);
        }
      } else for (const s of trail.steps) related.push(step(s));
    }
  }
  if (!primary) {
    const block = at ?? instance;
    if (!isInstalled(block.file)) {
      primary = { file: block.file, range: block.range };
      if (intent?.kind === 'set' && !intent.view.attribute(intent.name)) fix = insertLines(intent.view.block, [`${intent.name} = ${intent.text}`], textOf(intent.view.file));
      else if (intent?.kind === 'lines') fix = insertLines(intent.view.block, intent.lines, textOf(intent.view.file));
    }
  }
  if (!primary) {
    const site = userCallSite(chain);
    primary = site ? { file: site.call.file, range: site.call.header } : { file: instance.file, range: instance.range };
  }
  if (primary.file !== instance.file || primary.range.start.offset !== instance.range.start.offset) {
    related.push({ node: { range: (at ?? instance).range }, file: (at ?? instance).file, message: `the resource (${instance.address})` });
  }
  for (const site of chain) related.push({ node: { range: site.call.header }, file: site.call.file, message: `in this call of the module (${site.call.resource})` });
  const planned = 'planned' in instance ? instance.planned : undefined;
  if (planned) related.push({ node: { range: planned.header }, file: planned.file, message: `planned as ${planned.resource}` });
  return { primary, related: dedupe(related, primary), fix };
}

/**
 * The related places without repeats, nor the primary place: a place is its file and start offset. A
 * trail holds a handful of places, so comparing each with those kept is cheaper than a key string each.
 */
export function dedupe(related: readonly RelatedDescriptor[], primary: Place): RelatedDescriptor[] {
  const out: RelatedDescriptor[] = [];
  const primaryStart = primary.range.start.offset;
  for (const r of related) {
    const start = r.node.range.start.offset;
    if (start === primaryStart && r.file === primary.file) continue;
    let repeated = false;
    for (const kept of out) {
      if (kept.node.range.start.offset === start && kept.file === r.file) {
        repeated = true;
        break;
      }
    }
    if (!repeated) out.push(r);
  }
  return out;
}

/** How the `for_each` of the `dynamic` block that wrote no `type` block got its value. */
function emptiedBy(owner: Extract<Instance, { trail: unknown }>, view: BlockView, type: string): Trail | undefined {
  const written = view.blocks(type);
  if (!Array.isArray(written) || written.length > 0) return undefined;
  const dynamic = view.dynamicOf(type);
  return dynamic ? owner.trail('for_each', dynamic) : undefined;
}

/**
 * Reports a finding on one resource instance: each count/for_each instance is its own finding, with its
 * key in the message (`name`) and in `resource`. The finding lands on the line to change (see `place`);
 * a suppression above the resource block or above any `module` block of the call chain also silences it.
 */
export function reportInstance<M extends string>(context: RuleContext<M>, report: InstanceReport<M>): void {
  const { instance } = report;
  const owner = report.owner ?? instance;
  // An attribute written but null (`multi_az = var.multi_az`, the variable defaulting to null) is absent
  // too, but its trail still says where the missing value must be set: the module call, the default.
  const written = !('trail' in owner) || !report.attr ? undefined : owner.trail(report.attr, report.at ?? owner);
  const trail = !('trail' in owner) ? undefined : written ?? (report.missing !== undefined ? emptiedBy(owner, report.at ?? owner, report.missing) : undefined);
  const placement = place(instance, trail, report.owner ? undefined : report.at, report.fix, (file) => (file === context.file ? context.source.text : undefined), report.value);
  const key = 'module' in instance ? keyText(instance.key) : instance.key;
  // Inside the resource's own module the identity is module-relative, so the callers that agree on it give one finding.
  const inModule = 'module' in instance && dirOf(placement.primary.file) === instance.module.def.dir;
  // Outside it (a caller's argument, a tfvars line) the message names the whole address, module keys included.
  const shown = 'module' in instance && !inModule && instance.module.path !== '' ? instance.address : `${instance.name}${key}`;
  const data = report.data && report.data.name === instance.name ? withName(report.data, shown) : report.data;
  const resource = 'module' in instance ? (inModule ? `${instance.node.resource}${key}` : instance.address) : instance.resource;
  const fix = placement.fix;
  // Pushed in a loop, not spread from mapped lists: one report per instance and rule of a large run.
  const anchors: { file: string; node: Locatable }[] = [];
  if ('callChain' in instance) for (const s of instance.callChain) anchors.push({ file: s.call.file, node: s.call.block });
  anchors.push(instance.block ? { file: instance.file, node: instance.block } : { file: instance.file, node: { range: instance.range } });
  // The optional keys are left out rather than set to undefined, as rules have always reported them.
  const descriptor: Mutable<ReportDescriptor<M>> = { file: placement.primary.file, node: { range: placement.primary.range }, messageId: report.messageId };
  if (data) descriptor.data = data;
  if (fix) descriptor.fix = (fixer: Fixer) => fix(fixer) ?? null;
  if (placement.related.length > 0) descriptor.related = placement.related;
  descriptor.suppressibleAt = anchors;
  descriptor.resource = resource;
  context.report(descriptor);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * `{ ...data, name }`, copied key by key: every rule passes data of its own shape, and a spread of so
 * many shapes takes V8's slowest path. `name` keeps its place among the keys, as with the spread.
 */
export function withName(data: MessageData, name: string): MessageData {
  const out: Record<string, MessageData[string]> = {};
  for (const key of Object.keys(data)) out[key] = data[key] as MessageData[string];
  out.name = name;
  return out;
}
