import type { ParseResult, SourceFile } from '@nospof/core';
import { isMap, parseYaml } from '@nospof/yaml';
import { buildAction } from './build/action.js';
import { BuildContext } from './build/context.js';
import { buildWorkflow } from './build/workflow.js';
import type { GithubActionsRoot } from './model.js';
import { isWorkflowPath } from './paths.js';

/**
 * Reads a workflow or an action. A file under `.github/workflows` that is not a workflow is an error
 * (GitHub rejects it too); an `action.yml` that is not an action is simply not this language.
 */
export function parseGithubActions(source: SourceFile): ParseResult<GithubActionsRoot> {
  const workflow = isWorkflowPath(source.path);
  const { documents, errors, comments } = parseYaml(source);
  const whole = source.lines.range(0, source.text.length);
  const start = source.lines.range(0, 0);
  if (errors.length > 0) return { errors, comments };
  const contents = documents.length === 1 ? documents[0]?.contents : undefined;
  if (!workflow) {
    const doc = documents[0];
    if (!doc || documents.length !== 1 || !isMap(contents)) return { errors: [], comments, notApplicable: true };
    const ctx = new BuildContext(source.path, doc, source.lines);
    const action = buildAction(ctx, contents, whole);
    return action ? { root: action, errors: ctx.errors, comments } : { errors: [], comments, notApplicable: true };
  }
  if (documents.length > 1) return { errors: [{ message: 'a workflow file holds one YAML document; this one holds several', range: start }], comments };
  const doc = documents[0];
  if (!doc || !isMap(contents)) {
    return { errors: [{ message: 'this file is in .github/workflows but is not a workflow: it is not a map with `on:` and `jobs:`', range: start }], comments };
  }
  const ctx = new BuildContext(source.path, doc, source.lines);
  const root = buildWorkflow(ctx, contents, whole);
  return { root, errors: ctx.errors, comments };
}
