import type { YamlNode as LNode } from '@nospof/yaml';
import { known, type Known } from '@nospof/core';
import type { Range } from '@nospof/core';
import type { BlockLayout, Step, Text } from '../model.js';
import { mapDefined, NONE, type BuildContext } from './context.js';
import { buildUses } from './uses.js';

/** `run:` with its ranges computed on first use (most scripts are never reported on). */
class RunField implements NonNullable<Step['run']> {
  private known: Known<string> | undefined;

  constructor(
    private readonly keyAt: { readonly range: Range },
    readonly text: Text,
  ) {}

  get value(): Known<string> {
    this.known ??= known(this.text.text);
    return this.known;
  }

  get key(): Range {
    return this.keyAt.range;
  }

  get range(): Range {
    return this.text.range;
  }
}

/** A step whose range and layout (needed only for findings and fixes) are computed on first use. */
class StepNode implements Step {
  readonly type = 'Step' as const;
  with: Step['with'] = NONE;
  env: Step['env'] = NONE;
  resource?: string;
  id?: Text;
  name?: Text;
  uses?: Step['uses'];
  run?: Step['run'];
  shell?: Text;
  if?: Text;
  timeoutMinutes?: Step['timeoutMinutes'];
  continueOnError?: Step['continueOnError'];
  workingDirectory?: Text;
  private where: Range | undefined;
  private layoutValue: BlockLayout | null | undefined;
  /** Memo slots for `stepTools`/`stepScript` (see tools.ts): cheaper than WeakMaps keyed by step. */
  toolCache: unknown[] | undefined = undefined;
  useCache: unknown[] | undefined = undefined;
  scriptCache: string | undefined = undefined;
  preparedCache: unknown = undefined;
  actionCache: string | undefined = undefined;
  inputsCache: unknown = undefined;

  constructor(
    private readonly ctx: BuildContext,
    private readonly start: number,
    private readonly end: number,
    private readonly firstKey: number | undefined,
    private readonly flow: boolean,
    readonly index: number,
  ) {}

  get range(): Range {
    this.where ??= this.ctx.span(this.start, this.end);
    return this.where;
  }

  get layout(): BlockLayout | undefined {
    if (this.layoutValue === undefined) {
      const position = this.firstKey === undefined ? undefined : this.ctx.lines.position(this.firstKey);
      this.layoutValue = position ? { flow: this.flow, firstKeyLine: position.line, firstKeyColumn: position.column } : null;
    }
    return this.layoutValue ?? undefined;
  }
}

function buildStep(ctx: BuildContext, node: LNode | null, index: number, fallback: Range, resource: string | undefined): Step | undefined {
  if (node?.kind !== 'map') {
    ctx.error(`step ${index + 1} is not a map of step keys`, ctx.rangeOf(node, fallback));
    return undefined;
  }
  const step = new StepNode(ctx, node.start, node.end, node.items[0]?.key.start, node.flow, index);
  if (resource !== undefined) step.resource = resource;
  // The step's pairs walked directly: steps are the model's most numerous maps, and most of their keys
  // need no entry object (only the number and boolean fields do).
  for (const pair of node.items) {
    const value = pair.value;
    switch (String(pair.key.value)) {
      case 'id': {
        const text = ctx.text(value);
        if (text) step.id = text;
        break;
      }
      case 'name': {
        const text = ctx.text(value);
        if (text) step.name = text;
        break;
      }
      case 'uses': {
        const text = ctx.text(value);
        if (text) step.uses = buildUses(ctx.keyOf(pair), text);
        break;
      }
      case 'run': {
        const text = ctx.text(value);
        if (text) step.run = new RunField(ctx.keyOf(pair), text);
        break;
      }
      case 'shell': {
        const text = ctx.text(value);
        if (text) step.shell = text;
        break;
      }
      case 'with':
        step.with = ctx.args(value);
        break;
      case 'env':
        step.env = ctx.args(value);
        break;
      case 'if': {
        const text = ctx.text(value);
        if (text) step.if = text;
        break;
      }
      case 'timeout-minutes':
        step.timeoutMinutes = ctx.numberField(ctx.entry(pair));
        break;
      case 'continue-on-error':
        step.continueOnError = ctx.boolField(ctx.entry(pair));
        break;
      case 'working-directory': {
        const text = ctx.text(value);
        if (text) step.workingDirectory = text;
        break;
      }
      default:
        break;
    }
  }
  return step;
}

/** The steps of a job or composite action, in order. */
export function buildSteps(ctx: BuildContext, value: LNode | null, fallback: Range, resource?: string): readonly Step[] {
  if (value !== undefined && value !== null && !ctx.isSeq(value)) {
    ctx.error('`steps` must be a list of steps', ctx.rangeOf(value, fallback));
    return [];
  }
  if (value?.kind !== 'seq') return NONE;
  return mapDefined(value.items, (item, i) => buildStep(ctx, item, i, fallback, resource));
}
