import type { Value } from '@nospof/core';
import { evaluateText, type Scope } from './expression/evaluate.js';
import type { Job, Json, Workflow } from './model.js';

/**
 * The inputs a called workflow sees: the caller's `with:` evaluated in the caller's scope, else the
 * input's default (Unknown when the default is itself an expression).
 */
export function callInputs(caller: Job, called: Workflow, scope: Scope): Readonly<Record<string, Value<Json>>> {
  const inputs: Record<string, Value<Json>> = {};
  const declared = called.triggers.find((t) => t.event === 'workflow_call')?.inputs ?? [];
  for (const input of declared) {
    if (input.default) inputs[input.name] = evaluateText(input.default, {});
  }
  for (const arg of caller.with) {
    inputs[arg.name] = evaluateText(arg.value, scope);
  }
  return inputs;
}

/** True when a workflow only runs when another workflow calls it. */
export function onlyCalled(workflow: Workflow): boolean {
  return workflow.triggers.length > 0 && workflow.triggers.every((t) => t.event === 'workflow_call');
}

export function isCalled(workflow: Workflow): boolean {
  return workflow.triggers.some((t) => t.event === 'workflow_call');
}

