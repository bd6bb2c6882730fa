import { defineRule } from './utils/define-rule.js';
import type { Fixer, TextEdit } from '@nospof/core';
import { allSteps, flattenSteps, optionNamed, resourceOf, wrappedBy } from '@nospof/jenkins';
import type { JenkinsFile, Pipeline, Stage, Step } from '@nospof/jenkins';

function stageCovered(stage: Stage): boolean {
  if (optionNamed(stage, 'timeout') || (stage.matrix && optionNamed(stage.matrix, 'timeout'))) return true;
  const children = stage.stages?.stages ?? stage.parallel?.stages ?? stage.matrix?.stages?.stages;
  if (children) return children.length > 0 && children.every(stageCovered);
  const steps = stage.steps?.steps ?? [];
  return steps.length > 0 && steps.every((s) => s.name === 'timeout');
}

/** Scripted: a `node` is covered by a `timeout` around it, or (unless top-level only) around its stages. */
function nodeCovered(node: Step, topLevelOnly: boolean): boolean {
  if (wrappedBy(node, ['timeout'])) return true;
  if (topLevelOnly) return false;
  const stages = flattenSteps(node.body).filter((s) => s.name === 'stage' && s.hasClosure);
  if (stages.length > 0) return stages.every((s) => wrappedBy(s, ['timeout']) || s.body.some((b) => b.name === 'timeout'));
  return node.body.length > 0 && node.body.every((b) => b.name === 'timeout');
}

function indentOf(fixer: Fixer, line: number, column: number): string | undefined {
  const prefix = fixer.indentOf({ range: { start: { line, column, offset: 0 }, end: { line, column, offset: 0 } } });
  return prefix.length === column - 1 ? prefix : undefined;
}

/** Adds `timeout` to the pipeline's options, creating the section above `stages` when there is none. */
function addTimeout(fixer: Fixer, pipeline: Pipeline, minutes: number): TextEdit | undefined {
  const entry = `timeout(time: ${minutes}, unit: 'MINUTES')`;
  const nl = fixer.newline;
  const firstOption = pipeline.options?.entries[0];
  if (pipeline.options) {
    if (!firstOption) return undefined;
    const start = firstOption.range.start;
    const indent = indentOf(fixer, start.line, start.column);
    if (indent === undefined || start.line === pipeline.options.range.start.line) return undefined;
    return fixer.insertLinesBefore(start.line, `${indent}${entry}${nl}`);
  }
  const stages = pipeline.stages;
  if (!stages) return undefined;
  const indent = indentOf(fixer, stages.range.start.line, stages.range.start.column);
  const outer = fixer.indentOf(pipeline);
  if (indent === undefined || stages.range.start.line === pipeline.range.start.line) return undefined;
  const step = indent.length > outer.length ? indent.slice(outer.length) : '    ';
  return fixer.insertLinesBefore(stages.range.start.line, `${indent}options {${nl}${indent}${step}${entry}${nl}${indent}}${nl}`);
}

export default defineRule({
  meta: {
    id: 'jenkins/pipeline-timeout',
    language: 'jenkins',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Pipelines set a `timeout` so a hung build releases its agent',
      rationale:
        'Jenkins has no default build timeout. A step that hangs (a stuck network call, a prompt, a deadlock in tests) keeps its executor until someone notices and aborts the build; on a small agent pool that stops every other job, releases included.',
      remediation:
        "Add `options { timeout(time: 60, unit: 'MINUTES') }` to the pipeline (or wrap a scripted pipeline in `timeout(...) { node { } }`), a little above the usual duration.",
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2'],
      preset: 'recommended',
      defaults: 'Jenkins applies no timeout at all when none is written; a build can run (and hold its executor) forever.',
    },
    messages: {
      missing: 'The pipeline has no `timeout` in `options`{{scope}}; a hung step holds its agent until someone aborts the build.',
      missingScripted: 'This `node` is not wrapped in `timeout`{{scope}}; a hung step holds the agent until someone aborts the build.',
    },
    schema: [
      {
        type: 'object',
        properties: { topLevelOnly: { type: 'boolean' }, fixMinutes: { type: 'integer', minimum: 1 } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ topLevelOnly: false, fixMinutes: 60 }],
    strictOptions: [{ topLevelOnly: true, fixMinutes: 60 }],
    fixable: true,
  },
  create(context, [{ topLevelOnly, fixMinutes }]) {
    return {
      JenkinsFile(file: JenkinsFile) {
        const pipeline = file.pipeline;
        if (pipeline) {
          if (optionNamed(pipeline, 'timeout')) return;
          const stages = pipeline.stages?.stages ?? [];
          if (stages.length === 0) return;
          if (!topLevelOnly && stages.every(stageCovered)) return;
          context.report({
            node: { range: pipeline.nameRange },
            messageId: 'missing',
            data: { scope: topLevelOnly ? '' : ' nor around every stage' },
            resource: resourceOf(pipeline),
            fix: (fixer) => addTimeout(fixer, pipeline, fixMinutes),
          });
          return;
        }
        const outermost = allSteps(file).filter((s) => s.qualifiedName === 'node' && !s.deferred && !wrappedBy(s, ['node']));
        const uncovered = outermost.find((n) => !nodeCovered(n, topLevelOnly));
        if (!uncovered) return;
        context.report({
          node: { range: uncovered.nameRange },
          messageId: 'missingScripted',
          data: { scope: topLevelOnly ? '' : ' and neither are its stages' },
          resource: resourceOf(uncovered),
        });
      },
    };
  },
});
