import type { Fixer, MessageData, RelatedDescriptor, RuleContext, Value } from '@nospof/core';
import { literalString, traceCallInput, type ModuleCall, type ModuleCallInstance } from '@nospof/terraform';
import { insertLines, isLiteralText, type FixFn, type FixIntent } from './fixes.js';
import { terraformIndex } from './instances.js';
import { isInstalled } from './report.js';
import { bool, skip } from './values.js';

/**
 * The registry name of a module source (`terraform-aws-modules/rds/aws`), whichever way it is written:
 * registry address with or without host and `//submodule`, or the GitHub repository
 * `terraform-aws-modules/terraform-aws-rds`.
 */
export function registryName(source: string): string | undefined {
  const withoutHost = source.replace(/^registry\.terraform\.io\//, '');
  const registry = /^([\w-]+)\/([\w-]+)\/([\w-]+)(?:\/\/.*)?$/.exec(withoutHost);
  if (registry) return `${registry[1]}/${registry[2]}/${registry[3]}`;
  const git = /github\.com[/:]([\w-]+)\/terraform-(\w+)-([\w-]+?)(?:\.git)?(?:[/?].*)?$/.exec(source);
  if (git) return `${git[1]}/${git[3]}/${git[2]}`;
  return undefined;
}

/** The `//modules/service` part of a module source, without a `?ref=`; '' for the module itself. */
export function registrySubmodule(source: string): string {
  const at = source.indexOf('//', source.indexOf('://') === -1 ? 0 : source.indexOf('://') + 3);
  if (at === -1) return '';
  const rest = source.slice(at + 2);
  const query = rest.indexOf('?');
  return (query === -1 ? rest : rest.slice(0, query)).replace(/\/$/, '');
}

/**
 * The major version a registry module call pins: the first version number of its `version` constraint
 * (`~> 5.2` and `5.2.0` give 5), or of a git source's `?ref=v5.2.0`. `undefined` when none is written
 * (the latest release).
 */
export function pinnedMajor(node: ModuleCall): number | undefined {
  const version = literalString(node.block.body, 'version');
  const source = literalString(node.block.body, 'source');
  const written = version ?? (source ? /[?&]ref=v?(\d+)\./.exec(source)?.[1] : undefined);
  const major = written === undefined ? undefined : /(\d+)/.exec(written)?.[1];
  return major === undefined ? undefined : Number(major);
}

/**
 * Evaluations of a `module` block that calls the registry module `name` and that nospof did not follow
 * into (no local code, no modules.json): those are judged at the call site by their inputs.
 */
export function wellKnownCalls(context: RuleContext<string>, node: ModuleCall, name: string, submodule = ''): readonly ModuleCallInstance[] {
  const index = terraformIndex(context);
  if (!index) return [];
  const called = registryModuleOf(node);
  // `terraform-aws-modules/rds/aws//modules/x` is another module than the rds module itself.
  if (called === undefined || called.name !== name || called.submodule !== submodule) return [];
  const override = index.overrideOf(node);
  if (override !== undefined) {
    context.skipped({ known: false, reason: override, range: node.header, file: node.file }, `module ${node.name}`);
    return [];
  }
  const toggles = CREATION_TOGGLES[submodule ? `${name}//${submodule}` : name] ?? [];
  // A call whose creation toggle is false creates nothing, like a resource with `count = 0`; one whose
  // toggle is unknown may create nothing, and is not judged either (the Unknown is counted).
  // A loop, not `filter`: a filtered holey list is holey before `filter`'s caller is optimised and packed
  // after, and the rules iterating the result deoptimised on the change in the timed bench rounds.
  const out: ModuleCallInstance[] = [];
  for (const c of index.callsOf(node, context.settings)) if (!c.followed && !toggles.some((t) => switchedOff(context, c, t))) out.push(c);
  return out;
}

/**
 * The inputs that switch a well-known module off (all default true): `create` in current releases,
 * the older names (`create_asg`, `create_lb`, `create_cluster`) in earlier majors.
 */
const CREATION_TOGGLES: Readonly<Record<string, readonly string[]>> = {
  'terraform-aws-modules/rds/aws': ['create_db_instance'],
  'terraform-aws-modules/rds-aurora/aws': ['create', 'create_cluster'],
  'terraform-aws-modules/autoscaling/aws': ['create', 'create_asg'],
  'terraform-aws-modules/vpc/aws': ['create_vpc'],
  'terraform-aws-modules/eks/aws': ['create'],
  'terraform-aws-modules/alb/aws': ['create', 'create_lb'],
  'terraform-aws-modules/s3-bucket/aws': ['create_bucket'],
  'terraform-aws-modules/elasticache/aws': ['create'],
  'terraform-aws-modules/msk-kafka-cluster/aws': ['create'],
  'terraform-aws-modules/ecs/aws': ['create'],
  'terraform-aws-modules/ecs/aws//modules/service': ['create', 'create_service'],
};

/** A creation toggle that is false, or unknown (then skipped as such); absent or true leaves the call judged. */
function switchedOff(context: RuleContext<string>, call: ModuleCallInstance, toggle: string): boolean {
  const value = bool(call.inputs, toggle);
  return skip(context, value, toggle) || (value?.known === true && value.value === false);
}

const registryModules = new WeakMap<ModuleCall, { readonly name: string | undefined; readonly submodule: string } | null>();

/** The registry module a `module` block calls, read once per block (every rule judging calls asks). */
function registryModuleOf(node: ModuleCall): { readonly name: string | undefined; readonly submodule: string } | undefined {
  let known = registryModules.get(node);
  if (known === undefined) {
    const source = literalString(node.block.body, 'source');
    known = source === undefined ? null : { name: registryName(source), submodule: registrySubmodule(source) };
    registryModules.set(node, known);
  }
  return known ?? undefined;
}

export interface CallReport<M extends string> {
  readonly call: ModuleCallInstance;
  readonly value?: Value<unknown> | undefined;
  /** The module input the value was read from: its trail places the finding. */
  readonly attr?: string;
  /**
   * The part of the input that decided (`["default", "min_size"]` of a map of node groups): the finding
   * lands on it where the caller wrote it, else on the nearest enclosing entry written.
   */
  readonly path?: readonly (string | number)[];
  readonly messageId: M;
  readonly data?: MessageData;
  readonly fix?: FixIntent | undefined;
}

/**
 * Reports on a module call judged by its inputs: on the outermost place the input's value was written
 * (the argument, or the tfvars line / caller argument it came from), or on the `module` block when the
 * input is absent and the module's default decides.
 */
export function reportCall<M extends string>(context: RuleContext<M>, report: CallReport<M>): void {
  const { call } = report;
  const trail = report.attr && report.value !== undefined ? traceCallInput(call, report.attr, report.path) : undefined;
  const related: RelatedDescriptor[] = [];
  let primary = { file: call.call.file, range: call.call.header };
  let fix: FixFn | undefined;
  const first = trail ? trail.steps.findIndex((s) => !isInstalled(s.file)) : -1;
  if (trail && first !== -1) {
    const chosen = trail.steps[first] as NonNullable<typeof trail>['steps'][number];
    primary = { file: chosen.file, range: chosen.range };
    trail.steps.forEach((s, i) => {
      if (i !== first) related.push({ node: { range: s.range }, file: s.file, message: s.kind === 'tfvars' ? 'the value is set here (tfvars)' : 'the value passes here' });
    });
    const intent = report.fix;
    if (intent?.kind === 'set' && trail.steps.length === 1 && isLiteralText(intent.view, intent.name)) fix = (fixer) => fixer.replace({ range: chosen.range }, intent.text);
  } else if (report.value === undefined || !report.attr) {
    const intent = report.fix;
    if (intent?.kind === 'set' && !intent.view.attribute(intent.name)) fix = insertLines(call.call.block, [`${intent.name} = ${intent.text}`], call.call.file === context.file ? context.source.text : undefined);
    if (report.value?.range && report.value.file === call.call.file) primary = { file: call.call.file, range: report.value.range };
  }
  if (primary.file !== call.call.file || primary.range.start.offset !== call.call.header.start.offset) {
    related.push({ node: { range: call.call.header }, file: call.call.file, message: `the module call (${call.address})` });
  }
  for (const site of call.parent.callChain) related.push({ node: { range: site.call.header }, file: site.call.file, message: `in this call of the module (${site.call.resource})` });
  const f = fix;
  context.report({
    file: primary.file,
    node: { range: primary.range },
    messageId: report.messageId,
    ...(report.data ? { data: report.data } : {}),
    ...(f ? { fix: (fixer: Fixer) => f(fixer) ?? null } : {}),
    ...(related.length > 0 ? { related } : {}),
    suppressibleAt: [{ file: call.call.file, node: call.call.block }, ...call.parent.callChain.map((s) => ({ file: s.call.file, node: s.call.block }))],
    resource: call.address,
  });
}
