import type { YamlNode as LNode } from '@nospof/yaml';
import { mapList, type Range } from '@nospof/core';
import type { Action, ActionInput } from '../model.js';
import { NONE, type BuildContext } from './context.js';
import { buildSteps } from './step.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function kindOf(using: string | undefined): Action['kind'] {
  if (using === 'composite') return 'composite';
  if (using === 'docker') return 'docker';
  if (using !== undefined && /^node\d+$/.test(using)) return 'javascript';
  return 'unknown';
}

/** `action.yml`: metadata plus, for composite actions, the steps it runs. */
export function buildAction(ctx: BuildContext, root: LNode, range: Range): Action | undefined {
  const fields = ctx.entryMap(root);
  const runs = fields.get('runs');
  if (!runs || !ctx.isMap(runs.value)) return undefined;
  const runFields = ctx.entryMap(runs.value);
  const using = runFields.get('using');
  const usingText = using ? ctx.text(using.value) : undefined;
  const action: Mutable<Action> = { type: 'Action', range, file: ctx.file, kind: kindOf(usingText?.text), inputs: NONE, steps: NONE };
  if (usingText) action.using = usingText;
  const name = fields.get('name');
  const nameText = name ? ctx.text(name.value) : undefined;
  if (nameText) action.name = nameText;
  const image = runFields.get('image');
  const imageText = image ? ctx.text(image.value) : undefined;
  if (imageText) action.image = imageText;
  const steps = runFields.get('steps');
  if (steps) action.steps = buildSteps(ctx, steps.value, steps.keyRange);
  const inputs = fields.get('inputs');
  if (inputs) {
    action.inputs = mapList(ctx.entries(inputs.value), (input): ActionInput => {
      const def = ctx.entryMap(input.value).get('default');
      const defText = def ? ctx.text(def.value) : undefined;
      return { name: input.key, key: input.keyRange, ...(defText ? { default: defText } : {}) };
    });
  }
  return action;
}
