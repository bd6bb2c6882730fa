import type { Language, ParseResult, ParsedFile, Range, SourceFile } from '@nospof/core';
import type * as G from './groovy/ast.js';
import { parseGroovy } from './groovy/parser.js';
import { isGroovyPath, isJenkinsfilePath, isLibraryStepPath, isPipelineFolderScriptPath } from './discovery/paths.js';
import { SNIFF_CUT_HINT, sniffGroovy } from './discovery/sniff.js';
import { buildJenkinsFile } from './model/build.js';
import { declarativeStructureErrors } from './model/declarative-structure.js';
import { flattenSteps, nodesOfType } from './model/navigate.js';
import type { Mutable } from './model/parent.js';
import type { JenkinsFile, ModelNode } from './model/types.js';
import { visitorKeys } from './model/visitor-keys.js';
import { buildJenkinsIndex, jenkinsIndexKey, jenkinsIndexOfKeys, watchJenkinsIndex } from './project/jenkins-index.js';
import type { JenkinsIndex } from './project/jenkins-index.js';
import { jenkinsPolicyUnit } from './policy/policy-unit.js';
import { jenkinsUnitKey, jenkinsUnits } from './project/units.js';

/**
 * How many leading characters `matches` should see: enough for the longest common licence headers (GPL,
 * EPL and Apache notices run 600 to 2,000 bytes) before the code that tells a pipeline from a class.
 * Shorter heads still work: what they cannot settle is claimed and settled by `parse` on the whole file.
 */
export const JENKINS_HEAD_BYTES = 4096;

/**
 * True for Groovy text whose first bytes read like a pipeline, a loadable script or a cut-off licence
 * header. A host may hand over more than the head (the whole text it holds): only the head is read.
 */
export function looksLikePipeline(head: string): boolean {
  const cut = head.length >= SNIFF_CUT_HINT;
  return sniffGroovy(head.length > JENKINS_HEAD_BYTES ? head.slice(0, JENKINS_HEAD_BYTES) : head, cut) !== 'library';
}

/** Steps that allocate an agent where they are written: what makes top-level Groovy a scripted pipeline. */
const agentSteps: ReadonlySet<string> = new Set(['node', 'podTemplate']);

/** The whole file, parsed, runs as a pipeline: declarative, a library loader, or agents allocated outside functions. */
function runsAsPipeline(file: JenkinsFile): boolean {
  if (file.pipeline || file.libraries.length > 0) return true;
  return flattenSteps(file.steps).some((s) => agentSteps.has(s.qualifiedName));
}

/** `return this` ends scripts made for `load`: their functions are called through the returned object. */
function returnsThis(program: G.Program): boolean {
  const last = program.body[program.body.length - 1];
  return last?.type === 'ReturnStatement' && last.keyword === 'return' && last.argument?.type === 'Identifier' && last.argument.name === 'this';
}

export function parseJenkinsfile(source: SourceFile): ParseResult<JenkinsFile> {
  try {
    const { program, comments, errors, intact } = parseGroovy(source);
    const path = source.path;
    // a file named as a pipeline (or given to this language by configuration) is one whatever it holds
    const sniffed = (isGroovyPath(path) || isPipelineFolderScriptPath(path)) && !isJenkinsfilePath(path);
    const library = sniffed && isLibraryStepPath(path);
    const root: Mutable<JenkinsFile> = buildJenkinsFile(program, library ? 'library' : 'pipeline');
    if (sniffed && !library && !runsAsPipeline(root)) {
      // claimed from its first bytes (a licence header can outlast them): the whole file decides
      if (!returnsThis(program)) return { errors: [], comments: [], notApplicable: true };
      root.role = 'script';
    }
    // after a syntax error sections may nest wrongly (a missing brace moves them): that error says where to look
    const structure = root.pipeline && intact ? declarativeStructureErrors(root.pipeline.call) : [];
    return { root, comments, errors: structure.length > 0 ? [...errors, ...structure] : errors };
  } catch (error) {
    // The parser is built not to throw; this keeps a bug in it from taking the whole run down.
    const message = error instanceof Error ? error.message : String(error);
    return { errors: [{ message: `Jenkinsfile could not be analysed: ${message}`, range: source.lines.range(0, 0) }], comments: [] };
  }
}

const scopeCache = new WeakMap<JenkinsFile, Map<number, Range>>();
const scopeTypes = ['Pipeline', 'Stage', 'Step', 'PostCondition', 'FunctionDef', 'Agent', 'Options'] as const;

/** The largest stage, step or section starting on `line`: a suppression above it covers all of it. */
function scopeAt(file: ParsedFile<JenkinsFile>, line: number): Range | undefined {
  const root = file.root;
  if (!root) return undefined;
  let byLine = scopeCache.get(root);
  if (!byLine) {
    byLine = new Map();
    for (const type of scopeTypes) {
      for (const node of nodesOfType<ModelNode>(root, type)) {
        const start = node.range.start.line;
        const current = byLine.get(start);
        if (!current || node.range.end.offset - node.range.start.offset > current.end.offset - current.start.offset) {
          byLine.set(start, node.range);
        }
      }
    }
    scopeCache.set(root, byLine);
  }
  return byLine.get(line);
}

export const jenkinsLanguage: Language<JenkinsFile, JenkinsIndex> & { readonly headBytes: number } = {
  id: 'jenkins',
  headBytes: JENKINS_HEAD_BYTES,
  // a Jenkinsfile or a shared-library step is known by its name; another .groovy file by its code
  needsHead: (path: string) => (isGroovyPath(path) || isPipelineFolderScriptPath(path)) && !isJenkinsfilePath(path) && !isLibraryStepPath(path),
  matches(path: string, head: string): boolean {
    if (isJenkinsfilePath(path)) return true;
    if (isPipelineFolderScriptPath(path)) return looksLikePipeline(head);
    if (!isGroovyPath(path)) return false;
    return isLibraryStepPath(path) || looksLikePipeline(head);
  },
  parse: parseJenkinsfile,
  visitorKeys,
  // one unit per pipeline, with the library steps and loaded scripts it reaches
  units: (files) => jenkinsUnits(files),
  unitKey: jenkinsUnitKey,
  index: (files) => buildJenkinsIndex(files),
  indexKey: jenkinsIndexKey,
  indexOfKeys: (files) => jenkinsIndexOfKeys(files),
  watchIndex: watchJenkinsIndex,
  policyUnit: (unit, files) => jenkinsPolicyUnit(unit, files),
  settingsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      agentPools: {
        type: 'object',
        description: 'Agent label -> number of agents carrying it; label expressions resolve against it.',
        additionalProperties: { type: 'integer', minimum: 0 },
      },
    },
  },
  scopeAt,
  lineComment: '//',
};
