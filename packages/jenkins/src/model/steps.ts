import type * as G from '../groovy/ast.js';
import { setParent, stageResource } from './parent.js';
import { firstArgument, stringValue } from './values.js';
import type { Mutable } from './parent.js';
import type { Handler, ModelNode, Step } from './types.js';

interface Context {
  readonly parent: ModelNode;
  readonly handler: Handler | undefined;
  readonly deferred: boolean;
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
  const out: Step[] = [];
  visitStatements(statements, { parent, handler, deferred, out });
  return out;
}

function visitStatements(list: readonly G.Statement[], ctx: Context): void {
  for (const s of list) visitStatement(s, ctx);
}

function visitStatement(s: G.Statement, ctx: Context): void {
  switch (s.type) {
    case 'ExpressionStatement':
      visitExpression(s.expression, ctx);
      return;
    case 'VariableDeclaration':
      for (const d of s.declarators) if (d.init) visitExpression(d.init, ctx);
      return;
    case 'BlockStatement':
      visitStatements(s.body, ctx);
      return;
    case 'IfStatement':
      visitExpression(s.test, ctx);
      visitStatement(s.consequent, ctx);
      if (s.alternate) visitStatement(s.alternate, ctx);
      return;
    case 'TryStatement':
      visitStatements(s.block.body, ctx);
      for (const c of s.catches) visitStatements(c.body.body, { ...ctx, handler: 'catch' });
      if (s.finalizer) visitStatements(s.finalizer.body, { ...ctx, handler: 'finally' });
      return;
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
      if (s.body) visitStatements(s.body.body, { ...ctx, deferred: true });
      return;
    case 'ClassDeclaration':
      visitStatements(s.body, { ...ctx, deferred: true });
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
      visitStatements(e.body, { ...ctx, deferred: true });
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
      visitExpression(e.value, ctx);
      return;
    case 'ListExpression':
      for (const x of e.elements) visitExpression(x, ctx);
      return;
    case 'MapExpression':
      for (const x of e.entries) visitExpression(x.value, ctx);
      return;
    case 'NewExpression':
      for (const a of e.args) visitExpression(a, ctx);
      visitStatements(e.body, { ...ctx, deferred: true });
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
  else visitExpression(e, ctx);
}

function isStepCall(call: G.MethodCall): boolean {
  if (call.object === undefined || call.closure !== undefined) return true;
  return call.object.type === 'Identifier' && stepReceivers.has(call.object.name);
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
  if (!isStepCall(call)) {
    if (call.object) visitExpression(call.object, ctx);
    for (const a of call.args) visitArgument(a, ctx);
    for (const n of call.namedArgs) visitArgument(n.value, ctx);
    return;
  }
  const plainReceiver = call.object?.type === 'Identifier' && stepReceivers.has(call.object.name);
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
    range: call.range,
  };
  setParent(step, ctx.parent);
  if (step.qualifiedName === 'stage') {
    const name = stringValue(firstArgument(step, 'name'));
    step.resource = stageResource(name.known ? name.value : undefined, ctx.parent);
  }
  ctx.out.push(step);
  const inner: Context = { parent: step, handler: ctx.handler, deferred: ctx.deferred, out: body };
  for (const a of call.args) visitArgument(a, inner);
  for (const n of call.namedArgs) visitArgument(n.value, inner);
  if (call.closure) visitStatements(call.closure.body, inner);
}
