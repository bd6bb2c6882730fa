import { mapList } from '@nospof/core';
import type { Concurrency, Container, Environment, RunsOn, Service, Strategy } from '../model.js';
import { NONE, type BuildContext, type Entry } from './context.js';
import { buildMatrix } from './matrix.js';

export function buildRunsOn(ctx: BuildContext, e: Entry): RunsOn | undefined {
  const range = ctx.rangeOf(e.value, e.keyRange);
  // Literals that start with their own keys: once V8 optimises a literal that starts with a spread
  // (`{ ...base, form }`), its objects get a hidden class made anew in each run, and every optimised
  // reader of `runsOn` is thrown away and compiled again.
  const key = e.keyRange;
  const one = ctx.text(e.value);
  if (one) return { key, range, form: one.dynamic && /^\s*\$\{\{[\s\S]*\}\}\s*$/.test(one.text) ? 'expression' : 'string', labels: [one] };
  if (ctx.isSeq(e.value)) return { key, range, form: 'list', labels: ctx.texts(e.value) };
  if (ctx.isMap(e.value)) {
    const fields = ctx.entryMap(e.value);
    const group = fields.get('group');
    const labels = fields.get('labels');
    const groupText = group ? ctx.text(group.value) : undefined;
    return {
      key,
      range,
      form: 'group',
      labels: labels ? ctx.texts(labels.value) : NONE,
      ...(groupText ? { group: groupText } : {}),
    };
  }
  ctx.error('`runs-on` must be a label, a list of labels or a `group`/`labels` map', range);
  return undefined;
}

export function buildConcurrency(ctx: BuildContext, e: Entry): Concurrency {
  const range = ctx.rangeOf(e.value, e.keyRange);
  const one = ctx.text(e.value);
  if (one) return { key: e.keyRange, range, form: 'string', group: one };
  const fields = ctx.entryMap(e.value);
  const group = fields.get('group');
  const cancel = fields.get('cancel-in-progress');
  const groupText = group ? ctx.text(group.value) : undefined;
  return {
    key: e.keyRange,
    range,
    form: 'map',
    ...(groupText ? { group: groupText } : {}),
    ...(cancel ? { cancelInProgress: ctx.boolField(cancel) } : {}),
  };
}

export function buildEnvironment(ctx: BuildContext, e: Entry): Environment {
  const range = ctx.rangeOf(e.value, e.keyRange);
  const one = ctx.text(e.value);
  if (one) return { key: e.keyRange, range, form: 'string', name: one };
  const fields = ctx.entryMap(e.value);
  const name = fields.get('name');
  const url = fields.get('url');
  const nameText = name ? ctx.text(name.value) : undefined;
  const urlText = url ? ctx.text(url.value) : undefined;
  return { key: e.keyRange, range, form: 'map', ...(nameText ? { name: nameText } : {}), ...(urlText ? { url: urlText } : {}) };
}

export function buildStrategy(ctx: BuildContext, e: Entry): Strategy {
  const range = ctx.rangeOf(e.value, e.keyRange);
  const fields = ctx.entryMap(e.value);
  const failFast = fields.get('fail-fast');
  const maxParallel = fields.get('max-parallel');
  const matrix = fields.get('matrix');
  const layout = ctx.layout(e.value);
  return {
    key: e.keyRange,
    range,
    ...(layout ? { layout } : {}),
    ...(failFast ? { failFast: ctx.boolField(failFast) } : {}),
    ...(maxParallel ? { maxParallel: ctx.numberField(maxParallel) } : {}),
    ...(matrix ? { matrix: buildMatrix(ctx, matrix) } : {}),
  };
}

export function buildServices(ctx: BuildContext, e: Entry): Service[] {
  return mapList(ctx.entries(e.value), (s) => {
    const image = ctx.text(s.value) ?? imageOf(ctx, s);
    return { name: s.key, key: s.keyRange, ...(image ? { image } : {}) };
  });
}

function imageOf(ctx: BuildContext, e: Entry) {
  const image = ctx.entryMap(e.value).get('image');
  return image ? ctx.text(image.value) : undefined;
}

export function buildContainer(ctx: BuildContext, e: Entry): Container {
  const range = ctx.rangeOf(e.value, e.keyRange);
  const image = ctx.text(e.value) ?? imageOf(ctx, e);
  return { key: e.keyRange, range, ...(image ? { image } : {}) };
}
