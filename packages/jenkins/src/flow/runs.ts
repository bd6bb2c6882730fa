import type * as G from '../groovy/ast.js';
import type { JenkinsIndex } from '../project/jenkins-index.js';
import type { FunctionDef, Handler, JenkinsFile, Step, StoredClosure, TryGuard } from '../model/types.js';
import { flattenSteps } from '../model/navigate.js';
import { firstArgument } from '../model/values.js';

/**
 * One step as the pipeline executes it: helpers, closures stored in variables, scripts pulled in with
 * `load` and shared-library steps are entered where they are called, so what wraps a step (a `timeout`,
 * a `node`, a `try` that alerts) is seen across functions and files.
 */
export interface Run {
  readonly step: Step;
  /** The file the step is written in. */
  readonly file: string;
  /** The run whose execution holds this one: the enclosing step, or the call that entered the helper. */
  readonly parent: Run | undefined;
  /** The helper (function, stored closure, library step, loaded script) the step is written in. */
  readonly frame: Frame | undefined;
  readonly children: readonly Run[];
  /** True when the step called code of the scanned tree (a helper, a closure, a script, a library step). */
  readonly entered: boolean;
}

/** A call entered: whose code runs, from which call, with which arguments. */
export interface Frame {
  /** The run of the call. */
  readonly call: Run;
  readonly callee: Callee;
  readonly parent: Frame | undefined;
  /** Parameter -> the argument written at the call (positional arguments only). */
  readonly bindings: ReadonlyMap<string, G.Expression>;
  /** The closure passed to the call, run where the helper calls its closure parameter (`body()`). */
  readonly block: { readonly steps: readonly Step[]; readonly frame: Frame | undefined; readonly file: string; readonly context: StoredClosure | undefined } | undefined;
  readonly blockParam: string | undefined;
  readonly depth: number;
}

export type Callee =
  | { readonly kind: 'function'; readonly file: string; readonly model: JenkinsFile; readonly fn: FunctionDef }
  | { readonly kind: 'closure'; readonly file: string; readonly model: JenkinsFile; readonly closure: StoredClosure }
  | { readonly kind: 'script'; readonly file: string; readonly model: JenkinsFile };

/** Bounds that keep hostile or recursive code from growing the view. */
export interface FlowLimits {
  /** Calls nested inside calls. */
  readonly maxDepth: number;
  /** Runs built for one file, all its entry points together. */
  readonly maxRuns: number;
  /** Other files (loaded scripts, library steps) entered from one file. */
  readonly maxFiles: number;
}

export const defaultFlowLimits: FlowLimits = { maxDepth: 8, maxRuns: 20_000, maxFiles: 64 };

/** Steps that run a map of closures in parallel: `parallel branches`, `parallel(branches)`. */
const parallelSteps: ReadonlySet<string> = new Set(['parallel']);

interface Entered {
  readonly steps: readonly Step[];
  readonly item: Omit<Item, 'step' | 'parent' | 'out'>;
}

/** `body()` and `body.call()` run the closure held in `param`. */
function invokes(step: Step, param: string): boolean {
  return step.qualifiedName === param || step.qualifiedName === `${param}.call`;
}

const calledNames = new WeakMap<readonly Step[], ReadonlySet<string>>();

/** True when code of `steps` calls the closure held in `param`. */
function invokedIn(steps: readonly Step[], param: string): boolean {
  let names = calledNames.get(steps);
  if (!names) {
    names = new Set(flattenSteps(steps).map((s) => s.qualifiedName));
    calledNames.set(steps, names);
  }
  return names.has(param) || names.has(`${param}.call`);
}

const flows = new WeakMap<object, WeakMap<JenkinsFile, Flow>>();
const noIndex = {};

/** The flow of a file, one per file and index (rules of a run share it). */
export function flowFor(index: JenkinsIndex | undefined, path: string, model: JenkinsFile): Flow {
  const key = index ?? noIndex;
  let byFile = flows.get(key);
  if (!byFile) {
    byFile = new WeakMap();
    flows.set(key, byFile);
  }
  let flow = byFile.get(model);
  if (!flow) {
    flow = new Flow(index, path, model);
    byFile.set(model, flow);
  }
  return flow;
}

interface Item {
  readonly step: Step;
  readonly file: string;
  readonly model: JenkinsFile;
  readonly frame: Frame | undefined;
  /** The stored closure whose own steps are running (steps of closures nested in it wait to be called). */
  readonly context: StoredClosure | undefined;
  readonly parent: Run | undefined;
  readonly out: Run[];
}

/** Builds the runs of entry-point steps written in `file`. */
export class Flow {
  private count = 0;
  private readonly entered = new Set<string>();
  /** True when a bound stopped the expansion: what lies beyond it is unknown. */
  truncated = false;

  constructor(
    private readonly index: JenkinsIndex | undefined,
    private readonly path: string,
    private readonly model: JenkinsFile,
    private readonly limits: FlowLimits = defaultFlowLimits,
  ) {}

  private readonly cache = new WeakMap<readonly Step[], Run[]>();

  /** Runs of `steps` (steps of the file's own top-level code, sections or functions), built once. */
  runsOf(steps: readonly Step[]): Run[] {
    let runs = this.cache.get(steps);
    if (!runs) {
      runs = this.build(steps);
      this.cache.set(steps, runs);
    }
    return runs;
  }

  private build(steps: readonly Step[]): Run[] {
    const out: Run[] = [];
    const stack: Item[] = [];
    const push = (list: readonly Step[], item: Omit<Item, 'step'>): void => {
      for (let i = list.length - 1; i >= 0; i--) {
        const step = list[i] as Step;
        if (step.storedIn !== item.context) continue;
        stack.push({ step, file: item.file, model: item.model, frame: item.frame, context: item.context, parent: item.parent, out: item.out });
      }
    };
    push(steps, { file: this.path, model: this.model, frame: undefined, context: undefined, parent: undefined, out });
    while (stack.length > 0) {
      const item = stack.pop() as Item;
      if (this.count >= this.limits.maxRuns) {
        this.truncated = true;
        break;
      }
      this.count += 1;
      const children: Run[] = [];
      const run: { -readonly [K in keyof Run]: Run[K] } = { step: item.step, file: item.file, parent: item.parent, frame: item.frame, children, entered: false };
      item.out.push(run);
      const { entered, takesBlock } = this.enter(run, item);
      run.entered = entered.length > 0;
      // pushed in reverse: the step's own body first, then what the call runs
      for (const e of entered.reverse()) push(e.steps, { ...e.item, parent: run, out: children });
      // a helper that calls the block it was given runs it inside its own wrappers, not here
      if (!takesBlock) push(item.step.body, { file: item.file, model: item.model, frame: item.frame, context: item.context, parent: run, out: children });
    }
    return out;
  }

  /** What calling `run.step` executes besides its own body, and whether that takes the step's block over. */
  private enter(run: Run, item: Item): { entered: Entered[]; takesBlock: boolean } {
    const step = item.step;
    const frame = item.frame;
    const out: Entered[] = [];
    const depth = frame ? frame.depth : 0;
    // a helper calling the closure it was given: the caller's block runs here
    if (frame?.block && frame.blockParam && invokes(step, frame.blockParam)) {
      const block = frame.block;
      out.push({ steps: block.steps, item: { file: block.file, model: this.modelOf(block.file), frame: block.frame, context: block.context } });
      return { entered: out, takesBlock: false };
    }
    const callees = this.callees(step, item).filter((c) => !onStack(frame, c));
    if (depth >= this.limits.maxDepth) {
      if (callees.length > 0) this.truncated = true;
      return { entered: out, takesBlock: false };
    }
    let takesBlock = false;
    for (const callee of callees) {
      if (callee.file !== this.path && !this.entered.has(callee.file)) {
        if (this.entered.size >= this.limits.maxFiles) {
          this.truncated = true;
          continue;
        }
        this.entered.add(callee.file);
      }
      const steps = callee.kind === 'function' ? callee.fn.steps : callee.kind === 'closure' ? callee.closure.steps : callee.model.steps;
      const params = callee.kind === 'function' ? callee.fn.params : callee.kind === 'closure' ? callee.closure.params : [];
      const held = blockParameter(step, params);
      const blockParam = !parallelSteps.has(step.name) && held !== undefined && invokedIn(steps, held) ? held : undefined;
      if (blockParam !== undefined) takesBlock = true;
      const inner: Frame = {
        call: run,
        callee,
        parent: frame,
        bindings: bind(params, step.args),
        block: blockParam === undefined ? undefined : { steps: step.body, frame, file: item.file, context: item.context },
        blockParam,
        depth: depth + 1,
      };
      out.push({ steps, item: { file: callee.file, model: callee.model, frame: inner, context: callee.kind === 'closure' ? callee.closure : undefined } });
    }
    return { entered: out, takesBlock };
  }

  private modelOf(path: string): JenkinsFile {
    return path === this.path ? this.model : (this.index?.file(path)?.file ?? this.model);
  }

  /** The code a step call runs: a helper of its file, a stored closure, a loaded script's function, a library step. */
  private callees(step: Step, item: Item): Callee[] {
    const { model, file } = item;
    const plain = step.qualifiedName === step.name;
    if (plain) {
      const fn = model.functions.find((f) => f.name === step.name);
      if (fn) return [{ kind: 'function', file, model, fn }];
      const closures = model.closures.get(step.name);
      if (closures) return closures.map((closure) => ({ kind: 'closure', file, model, closure }));
      if (parallelSteps.has(step.name)) return this.parallelBranches(step, item);
      if (step.name === 'load') return this.loadedScript(step, item);
      const library = this.index?.libraryStep(step.name, file);
      const call = library?.file.functions.find((f) => f.name === 'call');
      if (library && call) return [{ kind: 'function', file: library.path, model: library.file, fn: call }];
      return [];
    }
    const dot = step.qualifiedName.lastIndexOf('.');
    const receiver = step.qualifiedName.slice(0, dot);
    if (receiver.includes('.')) return [];
    if (step.name === 'call') {
      const closures = model.closures.get(receiver);
      if (closures) return closures.map((closure) => ({ kind: 'closure', file, model, closure }));
      return [];
    }
    if (!step.member) return [];
    const load = model.loads.find((l) => l.variable === receiver);
    const target = load ? this.index?.loaded(file, load) : this.index?.libraryStep(receiver, file);
    const fn = target?.file.functions.find((f) => f.name === step.name);
    return target && fn ? [{ kind: 'function', file: target.path, model: target.file, fn }] : [];
  }

  /** `parallel branches`: every closure stored in `branches` runs. */
  private parallelBranches(step: Step, item: Item): Callee[] {
    const arg = firstArgument(step);
    if (arg?.type !== 'Identifier') return [];
    return (item.model.closures.get(arg.name) ?? []).map((closure) => ({ kind: 'closure', file: item.file, model: item.model, closure }));
  }

  /** A bare `load 'x.groovy'` runs the script's top-level code in place. */
  private loadedScript(step: Step, item: Item): Callee[] {
    const load = item.model.loads.find((l) => l.step === step);
    const target = load ? this.index?.loaded(item.file, load) : undefined;
    return target ? [{ kind: 'script', file: target.path, model: target.file }] : [];
  }
}

function onStack(frame: Frame | undefined, callee: Callee): boolean {
  for (let f = frame; f; f = f.parent) {
    if (f.callee.kind !== callee.kind || f.callee.file !== callee.file) continue;
    if (callee.kind === 'function' && f.callee.kind === 'function' && f.callee.fn === callee.fn) return true;
    if (callee.kind === 'closure' && f.callee.kind === 'closure' && f.callee.closure === callee.closure) return true;
    if (callee.kind === 'script') return true;
  }
  return false;
}

/**
 * The parameter the step's block binds to: the last one for a trailing closure (`helper(x) { }`), the
 * closure's own position for the one closure written inside the parentheses (`helper(x, { })`).
 */
function blockParameter(step: Step, params: readonly string[]): string | undefined {
  if (step.hasClosure) return params[params.length - 1];
  const closures = step.args.flatMap((a, i) => (a.type === 'ClosureExpression' ? [i] : []));
  return closures.length === 1 ? params[closures[0] as number] : undefined;
}

function bind(params: readonly string[], args: readonly G.Expression[]): Map<string, G.Expression> {
  const bindings = new Map<string, G.Expression>();
  params.forEach((p, i) => {
    const arg = args[i];
    if (arg && arg.type !== 'ClosureExpression') bindings.set(p, arg);
  });
  return bindings;
}

/** The effective failure handler a run executes in: its own `catch`/`finally`, or one around a call that led to it. */
export function handlerOf(run: Run): Handler | undefined {
  for (let r: Run | undefined = run; r; r = r.parent) if (r.step.handler) return r.step.handler;
  return undefined;
}

/** Every `try` whose block holds the run, across the calls that led to it. */
export function guardsOf(run: Run): TryGuard[] {
  const seen = new Set<TryGuard>();
  for (let r: Run | undefined = run; r; r = r.parent) {
    for (let g = r.step.guard; g && !seen.has(g); g = g.outer) seen.add(g);
  }
  return [...seen];
}

/** Runs enclosing `run`, nearest first (across calls). */
export function runAncestors(run: Run): Run[] {
  const out: Run[] = [];
  for (let r = run.parent; r; r = r.parent) out.push(r);
  return out;
}

/** The nearest enclosing run whose step is one of `names` (a `timeout`, a `node`, a `retry` ...). */
export function wrappingRun(run: Run, names: ReadonlySet<string> | readonly string[]): Run | undefined {
  const set = names instanceof Set ? names : new Set(names as readonly string[]);
  for (let r = run.parent; r; r = r.parent) if (set.has(r.step.name) && !r.step.member) return r;
  return undefined;
}

/** `run` and every run it holds, depth first. */
export function flattenRuns(runs: readonly Run[]): Run[] {
  const out: Run[] = [];
  const stack = [...runs].reverse();
  while (stack.length > 0) {
    const r = stack.pop() as Run;
    out.push(r);
    for (let i = r.children.length - 1; i >= 0; i--) stack.push(r.children[i] as Run);
  }
  return out;
}

/** The calls that led to `run`, nearest first: where a finding inside a helper was reached from. */
export function callSites(run: Run): Run[] {
  const out: Run[] = [];
  for (let f = run.frame; f; f = f.call.frame) out.push(f.call);
  return out;
}

/**
 * The expression a parameter stands for: `label` inside `def onAgent(label, body) { node(label) { } }`
 * called as `onAgent('linux')` is `'linux'`, written in the caller's file.
 */
export function resolveArgument(run: Run, expression: G.Expression | undefined): { expression: G.Expression | undefined; file: string } {
  let e = expression;
  let frame = run.frame;
  let file = run.file;
  for (let hops = 0; e?.type === 'Identifier' && frame && hops < 16; hops++) {
    const bound = frame.bindings.get(e.name);
    if (!bound) break;
    e = bound;
    file = frame.call.file;
    frame = frame.call.frame;
  }
  return { expression: e, file };
}
