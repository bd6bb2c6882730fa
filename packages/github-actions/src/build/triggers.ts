import type { YamlNode as LNode } from '@nospof/yaml';
import { mapList, type Range } from '@nospof/core';
import type { On, Trigger, WorkflowInput } from '../model.js';
import type { BuildContext, Entry } from './context.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Event filters that are lists of strings, by their key in the workflow and their field in the model. */
const LIST_FILTERS: ReadonlyMap<string, 'branches' | 'branchesIgnore' | 'tags' | 'tagsIgnore' | 'types' | 'workflows'> = new Map([
  ['branches', 'branches'],
  ['branches-ignore', 'branchesIgnore'],
  ['tags', 'tags'],
  ['tags-ignore', 'tagsIgnore'],
  ['types', 'types'],
  ['workflows', 'workflows'],
]);

function inputsOf(ctx: BuildContext, value: LNode | null): WorkflowInput[] {
  return mapList(ctx.entries(value), (input) => {
    const fields = ctx.entryMap(input.value);
    const def = fields.get('default');
    const required = fields.get('required');
    const type = fields.get('type');
    const options = fields.get('options');
    const defText = def ? ctx.text(def.value) : undefined;
    const requiredText = required ? ctx.text(required.value) : undefined;
    const typeText = type ? ctx.text(type.value) : undefined;
    return {
      name: input.key,
      key: input.keyRange,
      ...(defText ? { default: defText } : {}),
      ...(requiredText ? { required: requiredText.text === 'true' } : {}),
      ...(typeText ? { type: typeText.text } : {}),
      ...(options && ctx.isSeq(options.value) ? { options: ctx.texts(options.value) } : {}),
    };
  });
}

function trigger(ctx: BuildContext, event: string, key: Range, range: Range, value: LNode | null | undefined): Trigger {
  const t: Mutable<Trigger> = { event, key, range };
  if (event === 'schedule') {
    t.crons = ctx.items(value).flatMap((item) => {
      const cron = ctx.entryMap(item).get('cron');
      const text = cron ? ctx.text(cron.value) : undefined;
      return text ? [text] : [];
    });
    return t;
  }
  for (const f of ctx.entries(value)) {
    if (f.key === 'inputs') t.inputs = inputsOf(ctx, f.value);
    const field = LIST_FILTERS.get(f.key);
    if (field) t[field] = ctx.stringList(f.value, f.keyRange);
  }
  return t;
}

/** `on:` in its three forms: one event, a list of events, or a map of events with filters. */
export function buildTriggers(ctx: BuildContext, e: Entry): { on: On; triggers: Trigger[] } {
  const range = ctx.rangeOf(e.value, e.keyRange);
  const one = ctx.text(e.value);
  if (one) return { on: { key: e.keyRange, range, form: 'string' }, triggers: [trigger(ctx, one.text, one.range, one.range, undefined)] };
  if (ctx.isSeq(e.value)) {
    const events = ctx.texts(e.value);
    return { on: { key: e.keyRange, range, form: 'list' }, triggers: mapList(events, (t) => trigger(ctx, t.text, t.range, t.range, undefined)) };
  }
  if (ctx.isMap(e.value)) {
    const triggers = mapList(ctx.entries(e.value), (t) => trigger(ctx, t.key, t.keyRange, t.range, t.value));
    return { on: { key: e.keyRange, range, form: 'map' }, triggers };
  }
  ctx.error('`on` must name an event, a list of events or a map of events', range);
  return { on: { key: e.keyRange, range, form: 'map' }, triggers: [] };
}
