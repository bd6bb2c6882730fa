import { known } from '@nospof/core';
import type * as G from '../groovy/ast.js';
import { buildPipeline } from './declarative.js';
import { setParent } from './parent.js';
import type { Mutable } from './parent.js';
import { collectSteps } from './steps.js';
import { firstArgument, stringValue } from './values.js';
import type { FunctionDef, JenkinsFile, LibraryReference, Step } from './types.js';

/** Builds the Jenkins model (declarative and scripted) from a Groovy program. */
export function buildJenkinsFile(program: G.Program): JenkinsFile {
  const file: Mutable<JenkinsFile> = {
    type: 'JenkinsFile',
    style: 'empty',
    pipeline: undefined,
    steps: [],
    functions: [],
    libraries: [],
    program,
    range: program.range,
  };
  setParent(file, undefined);
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

function buildFunction(m: G.MethodDeclaration, parent: JenkinsFile): FunctionDef {
  const fn: Mutable<FunctionDef> = { type: 'FunctionDef', name: m.name, nameRange: m.nameRange, steps: [], range: m.range, resource: `function:${m.name}` };
  setParent(fn, parent);
  fn.steps = collectSteps(m.body?.body ?? [], fn, undefined, true);
  return fn;
}

function libraryFromStep(step: Step, parent: JenkinsFile): LibraryReference {
  const arg = firstArgument(step, 'identifier');
  const ref: LibraryReference = { type: 'LibraryReference', name: stringValue(arg), via: 'step', range: step.range };
  return setParent(ref, parent);
}
