import { defineRule } from './utils/define-rule.js';
import type { Fixer, TextEdit } from '@nospof/core';
import { flattenRuns, optionNamed, resourceOf, wrappingRun } from '@nospof/jenkins';
import type { JenkinsFile, Pipeline, Run, Stage } from '@nospof/jenkins';
import { fileFlow, followedCompletely, judgedOnItsOwn, located, outermost } from './utils/flow.js';
import type { FileFlow } from './utils/flow.js';

/**
 * A run whose work is all bounded: a `timeout`, or a wrapper (`container`, `dir`, `withEnv`, `script`,
 * a helper) everything inside which is bounded.
 */
function bounded(run: Run): boolean {
  if (run.step.name === 'timeout' && !run.step.member) return true;
  const work = doing(run.children);
  return work.length > 0 && work.every(bounded);
}

/** Runs that do work: not the value builders passed as arguments (`usernamePassword(...)` in `withCredentials`). */
function doing(runs: readonly Run[]): Run[] {
  return runs.filter((r) => !r.step.argument);
}

function stageCovered(ff: FileFlow, stage: Stage): boolean {
  if (optionNamed(stage, 'timeout') || (stage.matrix && optionNamed(stage.matrix, 'timeout'))) return true;
  const children = stage.stages?.stages ?? stage.parallel?.stages ?? stage.matrix?.stages?.stages;
  if (children) return children.length > 0 && children.every((c) => stageCovered(ff, c));
  const runs = ff.flow.runsOf(stage.steps?.steps ?? []);
  return runs.length > 0 && runs.every(bounded);
}

/**
 * The pipeline takes its agent before any stage starts, so no stage's timeout covers that wait. With
 * `agent none` a stage's `options { timeout }` starts before the stage's own agent is assigned.
 */
function takesAgentFirst(pipeline: Pipeline): boolean {
  return pipeline.agent !== undefined && pipeline.agent.kind !== 'none';
}

/** Scripted: a `node` is covered by a `timeout` around it, or (unless top-level only) around all its work. */
function nodeCovered(node: Run, topLevelOnly: boolean): boolean {
  if (wrappingRun(node, ['timeout'])) return true;
  if (topLevelOnly) return false;
  const stages = flattenRuns(node.children).filter((r) => r.step.name === 'stage' && r.step.hasClosure);
  if (stages.length > 0) return stages.every((s) => wrappingRun(s, ['timeout']) !== undefined || bounded(s));
  return bounded(node);
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
      // strict only: every step is bounded, so a hung step is not the risk; the unbounded part is the queue
      agentWait:
        'The pipeline has no `timeout` in `options`; its stage timeouts start only once an agent is assigned, so a build waiting for a missing agent waits forever.',
      // strict only, `agent none`: a stage's own timeout option may cover its agent, so only the whole build is unbounded
      wholeBuild: 'The pipeline has no `timeout` in `options`; every stage is bounded on its own, but nothing bounds the build as a whole.',
      agentWaitScripted:
        'This `node` is not wrapped in `timeout`; the timeouts inside it start only once an agent is assigned, so a build waiting for a missing agent waits forever.',
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
        const ff = fileFlow(context, file);
        if (!judgedOnItsOwn(ff)) return;
        const pipeline = file.pipeline;
        if (pipeline) {
          if (optionNamed(pipeline, 'timeout')) return;
          const stages = pipeline.stages?.stages ?? [];
          if (stages.length === 0) return;
          const everyStage = stages.every((s) => stageCovered(ff, s));
          if (!topLevelOnly && everyStage) return;
          if (!followedCompletely(context, ff)) return;
          context.report({
            node: { range: pipeline.nameRange },
            ...(everyStage
              ? { messageId: takesAgentFirst(pipeline) ? 'agentWait' : 'wholeBuild' }
              : { messageId: 'missing', data: { scope: topLevelOnly ? '' : ' nor around every stage' } }),
            resource: resourceOf(pipeline),
            fix: (fixer) => addTimeout(fixer, pipeline, fixMinutes),
          });
          return;
        }
        // every node block is judged on its own, wherever it is written (a helper, a library step)
        for (const node of outermost(flattenRuns(ff.flow.runsOf(file.steps)), 'node')) {
          if (nodeCovered(node, topLevelOnly) || !followedCompletely(context, ff)) continue;
          const workBounded = topLevelOnly && nodeCovered(node, false);
          context.report({
            ...located(ff, node, node.step.nameRange),
            ...(workBounded
              ? { messageId: 'agentWaitScripted' }
              : { messageId: 'missingScripted', data: { scope: topLevelOnly ? '' : ' and neither is all the work inside it' } }),
            resource: resourceOf(node.step),
          });
        }
      },
    };
  },
});
