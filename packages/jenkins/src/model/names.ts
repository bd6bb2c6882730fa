import type * as G from '../groovy/ast.js';

/**
 * Objects every pipeline sees that are never code of the scanned tree: calls on them are not steps to
 * follow (`env.getProperty()`, `currentBuild.rawBuild`, `docker.build()`).
 */
const builtInObjects: ReadonlySet<string> = new Set([
  'env', 'params', 'currentBuild', 'scm', 'docker', 'manager', 'jenkins', 'it', 'this', 'super', 'owner', 'delegate',
  'binding', 'out', 'pipeline', 'steps', 'script', 'args', 'result', 'build', 'unstash', 'stash', 'log', 'println',
  'properties', 'parameters', 'currentStage', 'fileLoader', 'openshift', 'kubernetes', 'sh', 'git', 'github',
]);

/** Names the file binds, and the variables it keeps `load`ed scripts in. */
export interface FileNames {
  /** Variables, parameters, catch and loop variables: calls on them are plain Groovy, not steps. */
  readonly declared: ReadonlySet<string>;
  /** `def utils = load '...'` and `utils = load(...)`. */
  readonly loadVariables: ReadonlySet<string>;
  /** The variable each such `load` call is kept in. */
  readonly loadTargets: ReadonlyMap<G.MethodCall, string>;
}

/** More nodes than this and the rest of the file is not scanned for names (calls there stay plain). */
const maxNodes = 200_000;

/** One iterative walk over the Groovy tree (no recursion: nesting is bounded by the parser, but cheaply). */
export function scanNames(program: G.Program): FileNames {
  const declared = new Set<string>();
  const loadVariables = new Set<string>();
  const loadTargets = new Map<G.MethodCall, string>();
  const stack: (G.Statement | G.Expression | G.MapEntry)[] = [...program.body];
  let visited = 0;
  const bind = (target: G.Expression, value: G.Expression | undefined): void => {
    if (target.type !== 'Identifier') return;
    declared.add(target.name);
    if (value && isLoad(value)) {
      loadVariables.add(target.name);
      loadTargets.set(value, target.name);
    }
  };
  while (stack.length > 0 && visited < maxNodes) {
    visited += 1;
    const node = stack.pop() as G.Statement | G.Expression | G.MapEntry;
    switch (node.type) {
      case 'ExpressionStatement':
        stack.push(node.expression);
        break;
      case 'VariableDeclaration':
        for (const d of node.declarators) {
          declared.add(d.name);
          if (d.init) {
            if (isLoad(d.init)) {
              loadVariables.add(d.name);
              loadTargets.set(d.init, d.name);
            }
            stack.push(d.init);
          }
        }
        break;
      case 'BlockStatement':
        stack.push(...node.body);
        break;
      case 'IfStatement':
        stack.push(node.test, node.consequent);
        if (node.alternate) stack.push(node.alternate);
        break;
      case 'TryStatement':
        stack.push(node.block);
        for (const c of node.catches) {
          if (c.param) declared.add(c.param);
          stack.push(c.body);
        }
        if (node.finalizer) stack.push(node.finalizer);
        break;
      case 'LoopStatement':
        for (const e of node.head) {
          if (e.type === 'BinaryExpression' && e.operator === 'in') bind(e.left, undefined);
          else if (e.type === 'Identifier') declared.add(e.name);
          stack.push(e);
        }
        stack.push(node.body);
        break;
      case 'SwitchStatement':
        stack.push(node.discriminant, ...node.body);
        break;
      case 'ReturnStatement':
        if (node.argument) stack.push(node.argument);
        break;
      case 'MethodDeclaration':
        for (const p of node.params) declared.add(p);
        if (node.body) stack.push(node.body);
        break;
      case 'ClassDeclaration':
        stack.push(...node.body);
        break;
      case 'Opaque':
        stack.push(...node.children);
        break;
      case 'AssignmentExpression':
        bind(node.target, node.value);
        stack.push(node.target, node.value);
        break;
      case 'ClosureExpression':
        for (const p of node.params) declared.add(p);
        stack.push(...node.body);
        break;
      case 'MethodCall':
        if (node.object) stack.push(node.object);
        stack.push(...node.args, ...node.namedArgs);
        if (node.closure) stack.push(node.closure);
        break;
      case 'CallExpression':
        stack.push(node.callee, ...node.args, ...node.namedArgs);
        if (node.closure) stack.push(node.closure);
        break;
      case 'MapEntry':
        stack.push(node.value);
        break;
      case 'MapExpression':
        stack.push(...node.entries);
        break;
      case 'ListExpression':
        stack.push(...node.elements);
        break;
      case 'PropertyAccess':
        stack.push(node.object);
        break;
      case 'IndexAccess':
        stack.push(node.object, node.index);
        break;
      case 'BinaryExpression':
        stack.push(node.left, node.right);
        break;
      case 'UnaryExpression':
        stack.push(node.argument);
        break;
      case 'TernaryExpression':
        stack.push(node.test, node.alternate);
        if (node.consequent) stack.push(node.consequent);
        break;
      case 'NewExpression':
        stack.push(...node.args, ...node.body);
        break;
      default:
        break;
    }
  }
  return { declared, loadVariables, loadTargets };
}

/** `load 'x.groovy'`, `load("${WORKSPACE}/x.groovy")`. */
export function isLoad(e: G.Expression): e is G.MethodCall {
  return e.type === 'MethodCall' && e.object === undefined && e.name === 'load' && (e.args.length > 0 || e.namedArgs.length > 0);
}

/**
 * A call on this receiver may run code of the scanned tree: a loaded script, or a name the file never
 * binds (a shared-library global such as `slack.failed()`); not a variable, a class or a built-in object.
 */
export function isMemberReceiver(name: string, names: FileNames): boolean {
  if (names.loadVariables.has(name)) return true;
  const first = name.charCodeAt(0);
  if (!(first >= 97 && first <= 122)) return false;
  return !names.declared.has(name) && !builtInObjects.has(name);
}
