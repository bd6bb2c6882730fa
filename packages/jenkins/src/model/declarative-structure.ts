import type { ParseError, Range } from '@nospof/core';
import type * as G from '../groovy/ast.js';
import { directiveCalls } from './calls.js';
import { postConditions } from './types.js';
import { firstArgument, stringValue } from './values.js';

/**
 * What Jenkins's declarative validator rejects before a build starts, found in the `pipeline { }` call:
 * sections in the wrong place, unknown sections, stages with nothing (or too much) to run. Jenkins fails
 * such a file at once, so nospof reports it as a parse error rather than judging a pipeline that never runs.
 *
 * Only the skeleton is checked: `pipeline`, `stages`, `stage`, `parallel`, a matrix's `stages` and `post`.
 * The inside of `steps`, `script`, `environment`, `options`, `when`, `agent` and the matrix's own
 * directives is free Groovy or plugin territory (custom steps, options and conditions come from plugins
 * and libraries), so nothing there is judged.
 */

/** The sections Jenkins knows directly inside `pipeline { }`. */
const pipelineSections: ReadonlySet<string> = new Set([
  'agent', 'environment', 'libraries', 'options', 'parameters', 'post', 'stages', 'tools', 'triggers',
]);

/** The sections Jenkins knows directly inside `stage('x') { }`. */
const stageSections: ReadonlySet<string> = new Set([
  'agent', 'environment', 'failFast', 'input', 'matrix', 'options', 'parallel', 'post', 'stages', 'steps', 'tools', 'when',
]);

/** A stage runs exactly one of these. */
const stageBodies = ['steps', 'stages', 'parallel', 'matrix'] as const;

/** Jenkins's post conditions, `notBuilt` included (the model reads only the alerting ones). */
const postConditionNames: ReadonlySet<string> = new Set([...postConditions, 'notBuilt']);

const quoteList = (names: Iterable<string>): string => [...names].map((n) => `\`${n}\``).join(', ');

/** Where a section Jenkins knows belongs, for a section written in the wrong place. */
function placeOf(name: string): string | undefined {
  if (name === 'stage') return '`stage` belongs inside `stages` or `parallel`';
  const inPipeline = pipelineSections.has(name);
  const inStage = stageSections.has(name);
  if (inPipeline && inStage) return `\`${name}\` belongs inside a \`stage\` or at the pipeline's top level`;
  if (inPipeline) return `\`${name}\` belongs at the pipeline's top level`;
  if (inStage) return `\`${name}\` belongs inside a \`stage\``;
  return undefined;
}

class StructureChecker {
  readonly errors: ParseError[] = [];

  private report(message: string, range: Range): void {
    this.errors.push({ message, range });
  }

  pipeline(call: G.MethodCall): void {
    const sections = this.sections(directiveCalls(call.closure?.body), 'pipeline', (c) => {
      const place = placeOf(c.name);
      const hint = place ?? `Jenkins allows ${quoteList(pipelineSections)}`;
      this.report(`Unknown section \`${c.name}\` in \`pipeline\`; ${hint}`, c.nameRange);
    }, pipelineSections);
    for (const required of ['agent', 'stages']) {
      if (sections.has(required)) continue;
      const hint = required === 'agent' ? ' (`agent none` lets each stage choose its own)' : '';
      this.report(`Missing required section \`${required}\` in \`pipeline\`${hint}`, call.nameRange);
    }
    const stages = sections.get('stages');
    if (stages) this.stages(stages, 'stages');
    const post = sections.get('post');
    if (post) this.post(post);
  }

  /**
   * Reports unknown and repeated sections; returns the first call of each known one. `unknown` decides
   * the message for a name outside `known`.
   */
  private sections(calls: readonly G.MethodCall[], where: string, unknown: (c: G.MethodCall) => void, known: ReadonlySet<string>): Map<string, G.MethodCall> {
    const found = new Map<string, G.MethodCall>();
    for (const c of calls) {
      if (!known.has(c.name)) unknown(c);
      else if (found.has(c.name)) this.report(`Section \`${c.name}\` appears more than once in ${where}; Jenkins allows it once`, c.nameRange);
      else found.set(c.name, c);
    }
    return found;
  }

  /** `stages { }` and `parallel { }`: nothing but `stage` blocks. */
  private stages(call: G.MethodCall, kind: 'stages' | 'parallel'): void {
    const body = call.closure?.body;
    if (!body) return;
    const calls = directiveCalls(body);
    for (const c of calls) {
      if (c.name === 'stage') {
        this.stage(c);
        continue;
      }
      const place = placeOf(c.name);
      const hint = place ? `; ${place}` : `, not \`${c.name}\``;
      this.report(`Only \`stage\` blocks are allowed inside \`${kind}\`${hint}`, c.nameRange);
    }
    if (body.length === 0) this.report(`No \`stage\` inside \`${kind}\`; Jenkins needs at least one`, call.nameRange);
  }

  private stage(call: G.MethodCall): void {
    const name = stringValue(firstArgument(call, 'name'));
    const label = name.known ? `stage '${name.value}'` : 'this stage';
    const sections = this.sections(directiveCalls(call.closure?.body), label, (c) => {
      const place = placeOf(c.name);
      // a step written straight in the stage is the usual slip: Jenkins wants it inside `steps { }`
      const hint = place ?? `steps belong inside \`steps { }\`; Jenkins allows ${quoteList(stageSections)}`;
      this.report(`Unknown section \`${c.name}\` in ${label}; ${hint}`, c.nameRange);
    }, stageSections);
    const bodies = stageBodies.filter((b) => sections.has(b));
    if (bodies.length === 0) {
      this.report(`No \`steps\`, \`stages\`, \`parallel\` or \`matrix\` in ${label}: Jenkins has nothing to run`, call.nameRange);
    } else if (bodies.length > 1) {
      const second = sections.get(bodies[1] as string) as G.MethodCall;
      this.report(`Both \`${bodies[0]}\` and \`${bodies[1]}\` in ${label}; Jenkins allows only one of \`steps\`, \`stages\`, \`parallel\` or \`matrix\``, second.nameRange);
    }
    const stages = sections.get('stages');
    if (stages) this.stages(stages, 'stages');
    const parallel = sections.get('parallel');
    if (parallel) this.stages(parallel, 'parallel');
    // a matrix's own directives are left alone; its stages and post are judged like any others
    const matrix = directiveCalls(sections.get('matrix')?.closure?.body);
    const matrixStages = matrix.find((c) => c.name === 'stages');
    if (matrixStages) this.stages(matrixStages, 'stages');
    const matrixPost = matrix.find((c) => c.name === 'post');
    if (matrixPost) this.post(matrixPost);
    const post = sections.get('post');
    if (post) this.post(post);
  }

  /**
   * Plugins may add post conditions (Jenkins's `BuildCondition` extension point), so an unknown name is
   * not certain to be refused; a section that belongs elsewhere (`steps` straight in `post`) is.
   */
  private post(call: G.MethodCall): void {
    for (const c of directiveCalls(call.closure?.body)) {
      const place = postConditionNames.has(c.name) ? undefined : placeOf(c.name);
      if (place) this.report(`\`${c.name}\` is not a post condition; ${place}, and \`post\` holds conditions such as ${quoteList(['always', 'failure', 'success'])}`, c.nameRange);
    }
  }
}

/** Errors Jenkins's declarative validator would raise for this `pipeline { }` call. */
export function declarativeStructureErrors(pipeline: G.MethodCall): ParseError[] {
  // `pipeline(config) { }` is some library's function, not Jenkins's declarative step
  if (pipeline.args.length > 0 || pipeline.namedArgs.length > 0 || !pipeline.closure) return [];
  const checker = new StructureChecker();
  checker.pipeline(pipeline);
  return checker.errors;
}
