import type { LNode } from '../lite/node.js';
import { known } from '@nospof/core';
import type { Range } from '@nospof/core';
import type { Step, Text } from '../model.js';
import type { BuildContext, Entry } from './context.js';
import { buildUses } from './uses.js';

/** `run:` with its ranges computed on first use (most scripts are never reported on). */
function runField(ctx: BuildContext, entry: Entry, text: Text): NonNullable<Step['run']> {
  const keyAt = ctx.keyAt(entry);
  return {
    text,
    value: known(text.text),
    get key() {
      return keyAt.range;
    },
    get range() {
      return text.range;
    },
  };
}

function buildStep(ctx: BuildContext, node: LNode | null, index: number, fallback: Range, resource: string | undefined): Step | undefined {
  if (!ctx.isMap(node)) {
    ctx.error(`step ${index + 1} is not a map of step keys`, ctx.rangeOf(node, fallback));
    return undefined;
  }
  const range = ctx.rangeOf(node, fallback);
  const layout = ctx.layout(node);
  const step: { -readonly [K in keyof Step]: Step[K] } = {
    type: 'Step',
    range,
    index,
    with: [],
    env: [],
    ...(resource === undefined ? {} : { resource }),
    ...(layout ? { layout } : {}),
  };
  for (const e of ctx.entries(node)) {
    const text = ctx.text(e.value);
    switch (e.key) {
      case 'id':
        if (text) step.id = text;
        break;
      case 'name':
        if (text) step.name = text;
        break;
      case 'uses':
        if (text) step.uses = buildUses(e.keyRange, text);
        break;
      case 'run':
        if (text) step.run = runField(ctx, e, text);
        break;
      case 'shell':
        if (text) step.shell = text;
        break;
      case 'with':
        step.with = ctx.args(e.value);
        break;
      case 'env':
        step.env = ctx.args(e.value);
        break;
      case 'if':
        if (text) step.if = text;
        break;
      case 'timeout-minutes':
        step.timeoutMinutes = ctx.numberField(e);
        break;
      case 'continue-on-error':
        step.continueOnError = ctx.boolField(e);
        break;
      case 'working-directory':
        if (text) step.workingDirectory = text;
        break;
      default:
        break;
    }
  }
  return step;
}

/** The steps of a job or composite action, in order. */
export function buildSteps(ctx: BuildContext, value: LNode | null, fallback: Range, resource?: string): Step[] {
  if (value !== undefined && value !== null && !ctx.isSeq(value)) {
    ctx.error('`steps` must be a list of steps', ctx.rangeOf(value, fallback));
    return [];
  }
  return ctx.items(value).flatMap((item, i) => buildStep(ctx, item, i, fallback, resource) ?? []);
}
