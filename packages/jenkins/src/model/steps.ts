import type * as G from '../groovy/ast.js';
import { isMemberReceiver } from './names.js';
import type { FileNames } from './names.js';
import { setParent, stageResource } from './parent.js';
import { firstArgument, stringValue } from './values.js';
import type { Mutable } from './parent.js';
import type { Handler, ModelNode, Step, StoredClosure, TryGuard } from './types.js';

/** What the file knows while collecting steps: its names, and where stored closures are registered. */
export interface FileScope {
  readonly names: FileNames;
  readonly closures: Map<string, StoredClosure[]>;
  /** `load` steps met while collecting, in source order of collection. */
  readonly loads: Step[];
}

/** Stored closures kept per name: enough for real branch maps, bounded for hostile ones. */
const maxClosuresPerName = 64;

const emptyScope: FileScope = { names: { declared: new Set(), loadVariables: new Set(), loadTargets: new Map() }, closures: new Map(), loads: [] };

const scopes = new WeakMap<ModelNode, FileScope>();

/** Makes `scope` the one every step collected under `root` uses. */
export function setFileScope(root: ModelNode, scope: FileScope): void {
  scopes.set(root, scope);
}

function scopeOf(node: ModelNode): FileScope {
  let n: ModelNode | undefined = node;
  while (n.parent) n = n.parent;
  return scopes.get(n) ?? emptyScope;
}

interface Context {
  readonly parent: ModelNode;
  readonly handler: Handler | undefined;
  readonly deferred: boolean;
  readonly stored: boolean;
  readonly guard: TryGuard | undefined;
  readonly storedIn: StoredClosure | undefined;
  /** Collecting the arguments of a call (`usernamePassword(...)` in `withCredentials([...])`). */
  readonly argument: boolean;
  readonly scope: FileScope;
  readonly out: Step[];
}

/** Receivers through which a call is still a plain step (`steps.sh` in library classes). */
const stepReceivers: ReadonlySet<string> = new Set(['this', 'steps', 'script', 'delegate', 'owner']);

/**
 * Finds every step call in scripted Groovy, however it is wrapped (`if`, `try`, loops, closures passed
 * to steps, maps of branches), and nests each under the step whose closure holds it.
 */
export function collectSteps(
  statements: readonly G.Statement[],
  parent: ModelNode,
  handler: Handler | undefined = undefined,
  deferred = false,
): Step[] {
  const scope = scopeOf(parent);
  const out: Step[] = [];
  visitStatements(statements, { parent, handler, deferred, stored: false, guard: undefined, storedIn: undefined, argument: false, scope, out });
  return out;
}

/** Visits a closure stored for later: its steps are collected as usual, marked stored and registered under `name`. */
function visitStoredClosure(closure: G.ClosureExpression, name: string | undefined, ctx: Context): void {
  const stored: Mutable<StoredClosure> = { name, params: closure.params, steps: [], range: closure.range };
  const steps = collected(ctx, () => visitStatements(closure.body, { ...ctx, deferred: true, stored: true, guard: undefined, storedIn: stored }));
  // not enumerable: its steps point back at it, and the tree must stay printable
  Object.defineProperty(stored, 'steps', { value: steps, enumerable: false });
  if (name === undefined) return;
  const list = ctx.scope.closures.get(name) ?? [];
  if (list.length >= maxClosuresPerName) return;
  list.push(stored);
  ctx.scope.closures.set(name, list);
}

/** A placeholder closure for code that runs who knows when (nested methods, class bodies, anonymous classes). */
function anonymous(ctx: Context): StoredClosure {
  return { name: undefined, params: [], steps: [], range: ctx.parent.range };
}

/** The variable a value is stored under: `x = v`, `x[k] = v`, `x.k = v` all store into `x`. */
function storageName(target: G.Expression): string | undefined {
  if (target.type === 'Identifier') return target.name;
  if (target.type === 'IndexAccess' || target.type === 'PropertyAccess') return storageName(target.object);
  return undefined;
}

/** A value stored under `name`: closures in it (directly, or in a map or list literal) are registered. */
function visitStoredValue(value: G.Expression, name: string | undefined, ctx: Context): void {
  if (value.type === 'ClosureExpression') visitStoredClosure(value, name, ctx);
  else if (value.type === 'MapExpression') for (const e of value.entries) visitStoredValue(e.value, name, ctx);
  else if (value.type === 'ListExpression') for (const e of value.elements) visitStoredValue(e, name, ctx);
  else visitExpression(value, ctx);
}

/** Runs `visit` and returns the steps it added to `ctx.out`. */
function collected(ctx: Context, visit: () => void): Step[] {
  const start = ctx.out.length;
  visit();
  return ctx.out.slice(start);
}

function visitStatements(list: readonly G.Statement[], ctx: Context): void {
  // statements run as code, even inside a closure handed over as an argument
  const code = ctx.argument ? { ...ctx, argument: false } : ctx;
  for (const s of list) visitStatement(s, code);
}

function visitStatement(s: G.Statement, ctx: Context): void {
  switch (s.type) {
    case 'ExpressionStatement':
      visitExpression(s.expression, ctx);
      return;
    case 'VariableDeclaration':
      for (const d of s.declarators) if (d.init) visitStoredValue(d.init, d.name, ctx);
      return;
    case 'BlockStatement':
      visitStatements(s.body, ctx);
      return;
    case 'IfStatement':
      visitExpression(s.test, ctx);
      visitStatement(s.consequent, ctx);
      if (s.alternate) visitStatement(s.alternate, ctx);
      return;
    case 'TryStatement': {
      const handlers: Step[] = [];
      const guard: TryGuard = { handlers, outer: ctx.guard, range: s.range };
      visitStatements(s.block.body, { ...ctx, guard });
      for (const c of s.catches) handlers.push(...collected(ctx, () => visitStatements(c.body.body, { ...ctx, handler: 'catch' })));
      if (s.finalizer) {
        const body = s.finalizer.body;
        handlers.push(...collected(ctx, () => visitStatements(body, { ...ctx, handler: 'finally' })));
      }
      return;
    }
    case 'LoopStatement':
      for (const e of s.head) visitExpression(e, ctx);
      visitStatement(s.body, ctx);
      return;
    case 'SwitchStatement':
      visitExpression(s.discriminant, ctx);
      visitStatements(s.body, ctx);
      return;
    case 'ReturnStatement':
      if (s.argument) visitExpression(s.argument, ctx);
      return;
    case 'MethodDeclaration':
      if (s.body) visitStatements(s.body.body, { ...ctx, deferred: true, stored: true, guard: undefined, storedIn: anonymous(ctx) });
      return;
    case 'ClassDeclaration':
      visitStatements(s.body, { ...ctx, deferred: true, stored: true, guard: undefined, storedIn: anonymous(ctx) });
      return;
    case 'Opaque':
      visitStatements(s.children, ctx);
      return;
    case 'ImportStatement':
    case 'LibraryStatement':
      return;
  }
}

function visitExpression(e: G.Expression, ctx: Context): void {
  switch (e.type) {
    case 'MethodCall':
      visitCall(e, ctx);
      return;
    case 'CallExpression':
      visitExpression(e.callee, ctx);
      for (const a of e.args) visitArgument(a, ctx);
      for (const n of e.namedArgs) visitArgument(n.value, ctx);
      if (e.closure) visitStatements(e.closure.body, ctx);
      return;
    case 'ClosureExpression':
      visitStoredClosure(e, undefined, ctx);
      return;
    case 'PropertyAccess':
      visitExpression(e.object, ctx);
      return;
    case 'IndexAccess':
      visitExpression(e.object, ctx);
      visitExpression(e.index, ctx);
      return;
    case 'BinaryExpression':
      visitExpression(e.left, ctx);
      visitExpression(e.right, ctx);
      return;
    case 'UnaryExpression':
      visitExpression(e.argument, ctx);
      return;
    case 'TernaryExpression':
      visitExpression(e.test, ctx);
      if (e.consequent) visitExpression(e.consequent, ctx);
      visitExpression(e.alternate, ctx);
      return;
    case 'AssignmentExpression':
      visitExpression(e.target, ctx);
      visitStoredValue(e.value, storageName(e.target), ctx);
      return;
    case 'ListExpression':
      for (const x of e.elements) visitExpression(x, ctx);
      return;
    case 'MapExpression':
      for (const x of e.entries) visitExpression(x.value, ctx);
      return;
    case 'NewExpression':
      for (const a of e.args) visitExpression(a, ctx);
      visitStatements(e.body, { ...ctx, deferred: true, stored: true, guard: undefined, storedIn: anonymous(ctx) });
      return;
    case 'Opaque':
      visitStatements(e.children, ctx);
      return;
    default:
      return;
  }
}

/** Closures handed straight to a step (or in a map or list handed to it) run as part of that step. */
function visitArgument(e: G.Expression, ctx: Context): void {
  if (e.type === 'ClosureExpression') visitStatements(e.body, ctx);
  else if (e.type === 'MapExpression') for (const x of e.entries) visitArgument(x.value, ctx);
  else if (e.type === 'ListExpression') for (const x of e.elements) visitArgument(x, ctx);
  else visitExpression(e, ctx.argument ? ctx : { ...ctx, argument: true });
}

function isStepCall(call: G.MethodCall, scope: FileScope): boolean {
  if (call.object === undefined || call.closure !== undefined) return true;
  if (call.object.type !== 'Identifier') return false;
  // `body.call()` runs a closure; `utils.notify()` may run code of a loaded script or a library
  return stepReceivers.has(call.object.name) || call.name === 'call' || isMemberReceiver(call.object.name, scope.names);
}

export function receiverPath(e: G.Expression): string {
  switch (e.type) {
    case 'Identifier':
      return e.name;
    case 'PropertyAccess':
      return `${receiverPath(e.object)}.${e.name}`;
    case 'MethodCall':
      return e.object ? `${receiverPath(e.object)}.${e.name}` : e.name;
    default:
      return '?';
  }
}

function visitCall(call: G.MethodCall, ctx: Context): void {
  if (!isStepCall(call, ctx.scope)) {
    if (call.object) visitExpression(call.object, ctx);
    // `branches.put('a', { ... })` stores the closure under `branches`
    const key = call.args[0];
    const value = call.args[1];
    if (call.name === 'put' && call.object?.type === 'Identifier' && value?.type === 'ClosureExpression') {
      if (key) visitExpression(key, ctx);
      visitStoredClosure(value, call.object.name, ctx);
      return;
    }
    for (const a of call.args) visitArgument(a, ctx);
    for (const n of call.namedArgs) visitArgument(n.value, ctx);
    return;
  }
  const plainReceiver = call.object?.type === 'Identifier' && stepReceivers.has(call.object.name);
  const member = call.object?.type === 'Identifier' && !plainReceiver && call.closure === undefined;
  if (call.object && !plainReceiver) visitExpression(call.object, ctx);
  const body: Step[] = [];
  const step: Mutable<Step> = {
    type: 'Step',
    name: call.name,
    qualifiedName: call.object && !plainReceiver ? `${receiverPath(call.object)}.${call.name}` : call.name,
    nameRange: call.nameRange,
    call,
    args: call.args,
    namedArgs: call.namedArgs,
    body,
    hasClosure: call.closure !== undefined,
    handler: ctx.handler,
    deferred: ctx.deferred,
    stored: ctx.stored,
    member,
    guard: ctx.guard,
    storedIn: ctx.storedIn,
    argument: ctx.argument,
    range: call.range,
  };
  setParent(step, ctx.parent);
  if (step.qualifiedName === 'stage') {
    const name = stringValue(firstArgument(step, 'name'));
    step.resource = stageResource(name.known ? name.value : undefined, ctx.parent);
  }
  ctx.out.push(step);
  if (step.qualifiedName === 'load' && ctx.scope !== emptyScope) ctx.scope.loads.push(step);
  const inner: Context = {
    parent: step,
    handler: ctx.handler,
    deferred: ctx.deferred,
    stored: ctx.stored,
    guard: ctx.guard,
    storedIn: ctx.storedIn,
    argument: false,
    scope: ctx.scope,
    out: body,
  };
  for (const a of call.args) visitArgument(a, inner);
  for (const n of call.namedArgs) visitArgument(n.value, inner);
  if (call.closure) visitStatements(call.closure.body, inner);
}
