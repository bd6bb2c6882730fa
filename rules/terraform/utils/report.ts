import type { Fixer, Locatable, MessageData, RuleContext, TextEdit, Value } from '@nospof/core';
import type { BlockView, Instance } from '@nospof/terraform';

export interface InstanceReport<M extends string> {
  readonly instance: Instance;
  /** The value the finding is about; the finding lands on it when it is written in this file. */
  readonly value?: Value<unknown>;
  /** The attribute the value was read from (for the caller arguments that fed it), in `at` when given. */
  readonly attr?: string;
  /** The nested block the finding is about: where it lands when no value is written here. */
  readonly at?: BlockView | undefined;
  readonly messageId: M;
  readonly data?: MessageData;
  readonly fix?: ((fixer: Fixer) => TextEdit | undefined) | undefined;
}

const seen = new WeakMap<object, Set<string>>();

/**
 * Reports a finding on a resource instance. It lands on the value when the value is written in the
 * file being linted, else on the nested block or resource header. For instances inside modules, every
 * module call on the way carries a related location and a suppression anchor, so `# nospof-ignore` on
 * the `module` block silences the finding for that call. Identical findings of count/for_each instances
 * collapse into one.
 */
export function reportInstance<M extends string>(context: RuleContext<M>, report: InstanceReport<M>): void {
  const { instance } = report;
  if (instance.file !== context.file) {
    reportAtCallSite(context, report);
    return;
  }
  const here = (r: { file?: string } | undefined): boolean => r !== undefined && (r.file ?? context.file) === context.file;
  const node: Locatable =
    report.value?.range && here(report.value) ? { range: report.value.range } : report.at && here(report.at) ? report.at : instance;
  const related = [
    ...(report.attr ? instance.origins(report.attr, report.at ?? instance) : []).map((o) => ({ node: { range: o.range }, file: o.file, message: 'the value is set here' })),
    ...instance.callChain.map((site) => ({ node: { range: site.call.header }, file: site.call.file, message: `in this call of the module (${site.call.resource})` })),
  ];
  const key = JSON.stringify([report.messageId, report.data, node.range.start.offset, related.map((r) => [r.file, r.node.range.start.offset])]);
  const done = seen.get(context) ?? new Set<string>();
  seen.set(context, done);
  if (done.has(key)) return;
  done.add(key);
  const fix = report.fix;
  context.report({
    node,
    messageId: report.messageId,
    ...(report.data ? { data: report.data } : {}),
    ...(fix ? { fix: (fixer: Fixer) => fix(fixer) ?? null } : {}),
    ...(related.length > 0 ? { related } : {}),
    ...(instance.callChain.length > 0 ? { suppressibleAt: instance.callChain.map((s) => ({ file: s.call.file, node: s.call.block })) } : {}),
    resource: instance.resource,
  });
}

/**
 * A resource inside a registry/git module (installed under `.terraform/modules`): the finding lands on
 * the `module` block of the file being linted, with the place inside the module as related location.
 */
function reportAtCallSite<M extends string>(context: RuleContext<M>, report: InstanceReport<M>): void {
  const { instance } = report;
  const site = instance.callChain.find((s) => s.remote === true && s.call.file === context.file) ?? instance.callChain.find((s) => s.call.file === context.file);
  if (!site) return;
  const inside = report.value?.range && report.value.file === instance.file ? report.value.range : (report.at ?? instance).range;
  // When the caller's own argument set the value, that argument is what to change.
  const argument = (report.attr ? instance.origins(report.attr, report.at ?? instance) : []).find((o) => o.file === context.file);
  context.report({
    node: { range: argument?.range ?? site.call.header },
    messageId: report.messageId,
    ...(report.data ? { data: report.data } : {}),
    related: [{ node: { range: inside }, file: instance.file, message: `inside the module (${instance.address})` }],
    resource: instance.resource,
  });
}
