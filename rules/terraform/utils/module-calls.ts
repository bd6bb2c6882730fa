import type { Fixer, MessageData, RuleContext, TextEdit, Value } from '@nospof/core';
import type { ModuleCall, ModuleCallInstance } from '@nospof/terraform';
import { terraformIndex } from './instances.js';

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

/**
 * Evaluations of a `module` block that calls the registry module `name` and that nospof did not follow
 * into (no local code, no modules.json): those are judged at the call site by their inputs.
 */
export function wellKnownCalls(context: RuleContext<string>, node: ModuleCall, name: string): readonly ModuleCallInstance[] {
  const index = terraformIndex(context);
  if (!index) return [];
  return index.callsOf(node, context.settings).filter((c) => !c.followed && registryName(c.source) === name);
}

export interface CallReport<M extends string> {
  readonly call: ModuleCallInstance;
  readonly value?: Value<unknown> | undefined;
  readonly messageId: M;
  readonly data?: MessageData;
  readonly fix?: ((fixer: Fixer) => TextEdit | undefined) | undefined;
}

/** Reports on a module call's input (or on the `module` header when the input is absent). */
export function reportCall<M extends string>(context: RuleContext<M>, report: CallReport<M>): void {
  const { call } = report;
  const onValue = report.value?.range && (report.value.file ?? context.file) === context.file;
  const fix = report.fix;
  context.report({
    node: onValue && report.value?.range ? { range: report.value.range } : { range: call.call.header },
    messageId: report.messageId,
    ...(report.data ? { data: report.data } : {}),
    ...(fix ? { fix: (fixer: Fixer) => fix(fixer) ?? null } : {}),
    resource: call.address,
  });
}
