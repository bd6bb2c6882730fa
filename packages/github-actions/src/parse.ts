import { OffsetRange, type Comment, type ParseError, type ParseResult, type SourceFile } from '@nospof/core';
import { absoluteRoot, parseYaml, type YamlNode } from '@nospof/yaml';
import { buildAction } from './build/action.js';
import { BuildContext } from './build/context.js';
import { buildWorkflow } from './build/workflow.js';
import type { GithubActionsRoot } from './model.js';
import { isWorkflowPath } from './paths.js';

type Read = { root: YamlNode | null; documents: number; errors: readonly ParseError[]; comments: readonly Comment[] };

/** The YAML tree of a file, with offsets from the start of the file. */
function readYaml(source: SourceFile): Read {
  const { documents, errors, comments } = parseYaml(source);
  const first = documents[0];
  return { root: first && documents.length === 1 ? absoluteRoot(first) : null, documents: documents.length, errors, comments };
}

/**
 * Reads a workflow or an action. A file under `.github/workflows` that is not a workflow is an error
 * (GitHub rejects it too); an `action.yml` that is not an action is simply not this language.
 */
export function parseGithubActions(source: SourceFile): ParseResult<GithubActionsRoot> {
  const workflow = isWorkflowPath(source.path);
  const { root, documents, errors, comments } = readYaml(source);
  const whole = new OffsetRange(source.lines, 0, source.text.length);
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
