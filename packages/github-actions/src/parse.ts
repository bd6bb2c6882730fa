import type { ParseError, ParseResult, SourceFile } from '@nospof/core';
import { findComments, parseYaml } from '@nospof/yaml';
import { buildAction } from './build/action.js';
import { BuildContext } from './build/context.js';
import { buildWorkflow } from './build/workflow.js';
import { fromYaml } from './lite/from-yaml.js';
import { Unsupported, type LNode } from './lite/node.js';
import { BlockReader } from './lite/read-block.js';
import type { GithubActionsRoot } from './model.js';
import { isWorkflowPath } from './paths.js';

type Read = { root: LNode | null; documents: number; errors: readonly ParseError[] };

/**
 * The text with a leading document-start line (`---`, as yamllint asks for) blanked out, offsets kept:
 * one document that starts with a marker is the same document without it, and the fast reader takes it.
 */
function withoutLeadingMarker(text: string): string {
  if (!text.startsWith('---')) return text;
  const end = text.indexOf('\n');
  const line = end === -1 ? text : text.slice(0, end);
  const rest = line.slice(3).trim();
  if (rest.length > 0 && !rest.startsWith('#')) return text;
  return ' '.repeat(line.length) + text.slice(line.length);
}

/**
 * The YAML tree of a file: the fast block reader when it can (nearly every workflow), else the `yaml`
 * package, which also produces the syntax errors.
 */
function readYaml(source: SourceFile): Read {
  try {
    return { root: new BlockReader(withoutLeadingMarker(source.text)).read(), documents: 1, errors: [] };
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
  }
  const { documents, errors } = parseYaml(source);
  const first = documents[0];
  return { root: first && documents.length === 1 ? fromYaml(first) : null, documents: documents.length, errors };
}

/**
 * Reads a workflow or an action. A file under `.github/workflows` that is not a workflow is an error
 * (GitHub rejects it too); an `action.yml` that is not an action is simply not this language.
 */
export function parseGithubActions(source: SourceFile): ParseResult<GithubActionsRoot> {
  const workflow = isWorkflowPath(source.path);
  const comments = findComments(source);
  const { root, documents, errors } = readYaml(source);
  const whole = source.lines.range(0, source.text.length);
  const start = source.lines.range(0, 0);
  if (errors.length > 0) return { errors, comments };
  if (!workflow) {
    if (documents !== 1 || root?.kind !== 'map') return { errors: [], comments, notApplicable: true };
    const ctx = new BuildContext(source.path, source.lines);
    const action = buildAction(ctx, root, whole);
    return action ? { root: action, errors: ctx.errors, comments } : { errors: [], comments, notApplicable: true };
  }
  if (documents > 1) return { errors: [{ message: 'a workflow file holds one YAML document; this one holds several', range: start }], comments };
  if (root?.kind !== 'map') {
    return { errors: [{ message: 'this file is in .github/workflows but is not a workflow: it is not a map with `on:` and `jobs:`', range: start }], comments };
  }
  const ctx = new BuildContext(source.path, source.lines);
  return { root: buildWorkflow(ctx, root, whole), errors: ctx.errors, comments };
}
