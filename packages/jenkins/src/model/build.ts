import { known } from '@nospof/core';
import type * as G from '../groovy/ast.js';
import { buildPipeline } from './declarative.js';
import { namesOf } from './names.js';
import { setParent } from './parent.js';
import type { Mutable } from './parent.js';
import { collectSteps, setFileScope } from './steps.js';
import { firstArgument, looseText, stringValue } from './values.js';
import type { FileRole, FunctionDef, JenkinsFile, LibraryReference, Step, StoredClosure } from './types.js';

/** Builds the Jenkins model (declarative and scripted) from a Groovy program. */
export function buildJenkinsFile(program: G.Program, role: FileRole = 'pipeline'): JenkinsFile {
  const closures = new Map<string, StoredClosure[]>();
  const file: Mutable<JenkinsFile> = {
    type: 'JenkinsFile',
    role,
    style: 'empty',
    pipeline: undefined,
    steps: [],
    functions: [],
    libraries: [],
    closures,
    loads: [],
    program,
    range: program.range,
  };
  setParent(file, undefined);
  const names = namesOf(program);
  const loadSteps: Step[] = [];
  setFileScope(file, { names, closures, loads: loadSteps });
  const libraries: LibraryReference[] = [];
  const functions: FunctionDef[] = [];
  const rest: G.Statement[] = [];
  for (const s of program.body) {
    if (s.type === 'LibraryStatement') {
      for (const lib of s.libraries) libraries.push(setParent<LibraryReference>({ type: 'LibraryReference', name: known(lib.value, lib.range), via: 'annotation', range: lib.range }, file));
    } else if (s.type === 'MethodDeclaration') {
      functions.push(buildFunction(s, file));
    } else if (s.type === 'ClassDeclaration') {
      for (const member of s.body) if (member.type === 'MethodDeclaration') functions.push(buildFunction(member, file));
    } else if (!file.pipeline && isPipelineCall(s)) {
      file.pipeline = buildPipeline(s.expression, file);
    } else {
      rest.push(s);
    }
  }
  file.steps = collectSteps(rest, file);
  for (const step of file.steps) {
    if (step.name === 'library') libraries.push(libraryFromStep(step, file));
  }
  file.libraries = libraries;
  file.functions = functions;
  file.loads = loadSteps.map((step) => ({ variable: names.loadTargets.get(step.call), path: looseText(firstArgument(step, 'path')), step }));
  file.style = file.pipeline ? 'declarative' : file.steps.some((s) => s.name !== 'library') ? 'scripted' : 'empty';
  return file;
}

function isPipelineCall(s: G.Statement): s is G.ExpressionStatement & { expression: G.MethodCall } {
  return (
    s.type === 'ExpressionStatement' &&
    s.expression.type === 'MethodCall' &&
    s.expression.object === undefined &&
    s.expression.name === 'pipeline' &&
    s.expression.closure !== undefined
  );
}

/**
 * A helper function. In a shared-library step (`vars/x.groovy`), a `pipeline { }` written in `call` is
 * the pipeline every caller runs: it becomes the file's pipeline, judged where it is written.
 */
function buildFunction(m: G.MethodDeclaration, parent: Mutable<JenkinsFile>): FunctionDef {
  const fn: Mutable<FunctionDef> = { type: 'FunctionDef', name: m.name, nameRange: m.nameRange, params: m.params, steps: [], range: m.range, resource: `function:${m.name}` };
  setParent(fn, parent);
  let body = m.body?.body ?? [];
  if (parent.role === 'library' && m.name === 'call' && !parent.pipeline) {
    const declarative = body.find(isPipelineCall);
    if (declarative) {
      parent.pipeline = buildPipeline(declarative.expression, parent);
      body = body.filter((s) => s !== declarative);
    }
  }
  fn.steps = collectSteps(body, fn, undefined, true);
  return fn;
}

function libraryFromStep(step: Step, parent: JenkinsFile): LibraryReference {
  const arg = firstArgument(step, 'identifier');
  const ref: LibraryReference = { type: 'LibraryReference', name: stringValue(arg), via: 'step', range: step.range };
  return setParent(ref, parent);
}
