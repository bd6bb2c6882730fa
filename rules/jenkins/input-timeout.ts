import { defineRule } from './utils/define-rule.js';
import { ancestors } from '@nospof/jenkins';
import type { InputDirective, JenkinsFile, Step } from '@nospof/jenkins';
import { allRuns, fileFlow, judgedOnItsOwn, located } from './utils/flow.js';
import { boundedByTimeout, runBoundedByTimeout } from './utils/timeouts.js';

/** `input` as a parameter type or an option is not the waiting step. */
function isSectionEntry(step: Step): boolean {
  return ancestors(step).some((a) => a.type === 'Parameters' || a.type === 'Options' || a.type === 'InputDirective');
}

export default defineRule({
  meta: {
    id: 'jenkins/input-timeout',
    language: 'jenkins',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Every `input` waits inside a `timeout`',
      rationale:
        'An `input` nobody answers waits forever. Inside a `node` it holds that executor the whole time; anywhere it keeps the build, its locks and its place in `disableConcurrentBuilds` open, so the next release queues behind a question nobody saw.',
      remediation:
        "Wrap the step in `timeout(time: 1, unit: 'DAYS') { input ... }`, or give the stage (or the pipeline) `options { timeout(...) }`.",
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2'],
      preset: 'recommended',
      defaults: 'An `input` step has no timeout of its own: without one it waits until someone answers or aborts the build.',
    },
    messages: {
      unbounded: '`input` is not wrapped in `timeout`; unanswered, it waits (and holds its executor and locks) forever.',
      unboundedDirective: 'This `input` directive has no `timeout` in the options of its stage, matrix or pipeline; unanswered, it waits forever.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    return {
      JenkinsFile(file: JenkinsFile) {
        const ff = fileFlow(context, file);
        if (!judgedOnItsOwn(ff)) return;
        // every input the pipeline reaches, through helpers, loaded scripts and library steps
        for (const run of allRuns(ff)) {
          const step = run.step;
          if (step.qualifiedName !== 'input' || step.member || isSectionEntry(step)) continue;
          if (runBoundedByTimeout(run)) continue;
          context.report({ ...located(ff, run, step.nameRange), messageId: 'unbounded' });
        }
      },
      InputDirective(input: InputDirective) {
        if (boundedByTimeout(input)) return;
        context.report({ node: { range: input.call.nameRange }, messageId: 'unboundedDirective' });
      },
    };
  },
});
