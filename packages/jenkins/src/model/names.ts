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

/** The names a parsed program binds (gathered by the parser as it read them). */
export function namesOf(program: G.Program): FileNames {
  const { declared, loadTargets } = program.bindings;
  return { declared, loadVariables: new Set(loadTargets.values()), loadTargets };
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
