import type { Language, ParseResult, ParsedFile, Range, SourceFile } from '@nospof/core';
import { parseGroovy } from './groovy/parser.js';
import { buildJenkinsFile } from './model/build.js';
import { nodesOfType } from './model/navigate.js';
import type { JenkinsFile, ModelNode } from './model/types.js';
import { visitorKeys } from './model/visitor-keys.js';

const pipelineHead = /^[ \t]*(?:pipeline\s*\{|node\s*(?:\(|\{|['"])|@Library\s*\()/m;

/** True for Groovy text that starts like a pipeline rather than a library class or a Gradle script. */
export function looksLikePipeline(head: string): boolean {
  const code = head.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '').replace(/\/\/[^\n]*/g, '');
  return pipelineHead.test(code);
}

export function isJenkinsfilePath(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base === 'Jenkinsfile' || base.startsWith('Jenkinsfile.') || /\.jenkinsfile$/i.test(base);
}

export function parseJenkinsfile(source: SourceFile): ParseResult<JenkinsFile> {
  try {
    const { program, comments, errors } = parseGroovy(source);
    return { root: buildJenkinsFile(program), comments, errors };
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

export const jenkinsLanguage: Language<JenkinsFile> = {
  id: 'jenkins',
  needsHead: (path: string) => path.endsWith('.groovy'),
  matches(path: string, head: string): boolean {
    if (isJenkinsfilePath(path)) return true;
    return path.endsWith('.groovy') && looksLikePipeline(head);
  },
  parse: parseJenkinsfile,
  visitorKeys,
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
