import { known, type Value } from '@nospof/core';
import type { InputPick, Json, Workflow, WorkflowInput } from './model.js';
import type { Scope } from './expression/evaluate.js';

type InputEvent = InputPick['event'];

/** A declared value of an input, typed the way `inputs.x` gives it (a boolean input is `true`, not `'true'`). */
interface Alternative {
  readonly pick: InputPick;
  readonly value: Json;
}

/** Scopes beyond this many are not built: a workflow with many choice inputs is judged on the first ones. */
const MAX_SCOPES = 64;

function typed(input: WorkflowInput, text: string): Json {
  if (input.type === 'boolean' && /^(true|false)$/i.test(text.trim())) return text.trim().toLowerCase() === 'true';
  if (input.type === 'number' && /^\s*-?\d+(\.\d+)?\s*$/.test(text)) return Number(text);
  return text;
}

/**
 * The values a workflow declares for an input: its `default:` (what a run gets when nobody passes one),
 * the `options:` of a `choice` (the only values a dispatch can pass) and both values of a `boolean`. A value written as an
 * expression is not one of them: it is only known at run time.
 */
function alternativesOf(input: WorkflowInput, event: InputEvent): Alternative[] {
  const found: Alternative[] = [];
  const add = (source: InputPick['source'], text: WorkflowInput['default']) => {
    if (!text || text.dynamic || found.some((a) => a.pick.value === text.text)) return;
    found.push({ pick: { input: input.name, value: text.text, source, event, text }, value: typed(input, text.text) });
  };
  add('default', input.default);
  if (input.type === 'choice') for (const option of input.options ?? []) add('option', option);
  // A boolean has two values, both certain runs: judging only its default would hide the run that flips it
  // (a deploy gated on `!inputs.dry_run` with `dry_run` defaulting to true). Written where the input is named.
  if (input.type === 'boolean') {
    for (const value of ['true', 'false']) {
      if (!found.some((a) => a.value === (value === 'true'))) add('value', { text: value, range: input.key, dynamic: false });
    }
  }
  return found;
}

/** Declared values of every input of the workflow's `workflow_dispatch` and `workflow_call` triggers, by input name. */
function declaredAlternatives(workflow: Workflow): Map<string, Alternative[]> {
  const byName = new Map<string, Alternative[]>();
  for (const trigger of workflow.triggers) {
    if (trigger.event !== 'workflow_dispatch' && trigger.event !== 'workflow_call') continue;
    for (const input of trigger.inputs ?? []) {
      const values = byName.get(input.name) ?? [];
      for (const alt of alternativesOf(input, trigger.event)) if (!values.some((v) => v.pick.value === alt.pick.value)) values.push(alt);
      if (values.length > 0) byName.set(input.name, values);
    }
  }
  return byName;
}

/** The run's own `github.event_name` when every value comes from the dispatch form: a dispatched run. */
const DISPATCHED: Readonly<Record<string, Json>> = { event_name: 'workflow_dispatch' };

function scopeOf(chosen: ReadonlyMap<string, Alternative>): Scope {
  const inputs: Record<string, Value<Json>> = {};
  const eventInputs: Record<string, Value<Json>> = {};
  const picks: Record<string, InputPick> = {};
  let dispatched = chosen.size > 0;
  for (const [name, alt] of chosen) {
    inputs[name] = known(alt.value);
    picks[name] = alt.pick;
    // `github.event.inputs` holds what was dispatched, always as strings.
    if (alt.pick.event === 'workflow_dispatch') eventInputs[name] = known(alt.pick.value);
    else dispatched = false;
  }
  // A called workflow's `github.event_name` is its caller's event, so only an all-dispatch scope fixes it:
  // a job gated on another event (`if: github.event_name == 'push'`) does not run in that scope.
  return dispatched ? { inputs, eventInputs, picks, github: DISPATCHED } : { inputs, eventInputs, picks };
}

const cache = new WeakMap<Workflow, readonly Scope[]>();

/**
 * The scopes a workflow's own runs can have, judged on the values it declares for its inputs: first every
 * input at its default, then each `choice` option (and each default of the other trigger) of one input
 * with the others at their defaults. Each is a run that can happen, so what a rule finds in one of them is
 * certain for that run; an input with no declared value (a free-text input without default) stays Unknown.
 * Empty when the workflow declares no input value. Combinations of two non-default values are not built:
 * a finding needs one possible run, not all of them.
 */
export function workflowInputScopes(workflow: Workflow): readonly Scope[] {
  const cached = cache.get(workflow);
  if (cached) return cached;
  const declared = declaredAlternatives(workflow);
  const base = new Map<string, Alternative>();
  for (const [name, alts] of declared) {
    const first = alts.find((a) => a.pick.source === 'default');
    if (first) base.set(name, first);
  }
  const scopes: Scope[] = declared.size === 0 ? [] : [scopeOf(base)];
  for (const [name, alts] of declared) {
    for (const alt of alts) {
      if (scopes.length >= MAX_SCOPES) break;
      if (base.get(name) === alt) continue;
      scopes.push(scopeOf(new Map([...base, [name, alt]])));
    }
  }
  cache.set(workflow, scopes);
  return scopes;
}
