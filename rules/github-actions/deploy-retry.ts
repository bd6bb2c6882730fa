import { defineRule } from './utils/define-rule.js';
import { runsOnFailure, type Action, type Job, type Step, type Workflow } from '@nospof/github-actions';
import { actionDeploySteps, deployStepsOf, type DeployStep } from './utils/deploy.js';
import { actionsIndex } from './utils/project.js';
import { stepPhrase } from './utils/step-label.js';
import { preparedScript } from './utils/tools.js';

/** Actions that re-run the command they wrap. */
const RETRY_ACTIONS = new Set(['nick-fields/retry', 'nick-invision/retry', 'wandalen/wretry.action', 'cloudposse/github-action-retry', 'kamilchodola/retry']);

/** Words that retry on their own: a `retry` helper, curl's and the AWS CLI's retry flags. */
const RETRY_WORDS = ['retry', 'retry_with_backoff', '--retry', '--retry-attempts', '--retry-count', '--max-attempts'];
const LOOP_WORDS = new Set(['for', 'while', 'until']);

/** A `for`/`while`/`until` loop: a loop keyword followed, later, by `do`. One pass over the script's words. */
function hasLoop(lower: string): boolean {
  let loop = false;
  let word = '';
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || c === 95) {
      word += lower[i];
      continue;
    }
    if (word.length > 0) {
      if (LOOP_WORDS.has(word)) loop = true;
      else if (loop && word === 'do') return true;
      word = '';
    }
  }
  return false;
}

function hasBuiltInRetry(step: Step): boolean {
  const target = step.uses?.target;
  if (target?.kind === 'repository' && RETRY_ACTIONS.has(`${target.owner}/${target.repo}`.toLowerCase())) return true;
  const prepared = preparedScript(step);
  return RETRY_WORDS.some((w) => prepared.words.has(w)) || hasLoop(prepared.lower);
}

/** A later step that runs when this one failed and deploys again with the same tool. */
function retriedLater(steps: readonly Step[], deploys: readonly DeployStep[], step: Step, tool: string): boolean {
  const id = step.id?.text;
  const outcome = id === undefined ? [] : [`steps.${id}.outcome`, `steps.${id}.conclusion`];
  return steps.slice(step.index + 1).some((later) => {
    if (!later.if || !deploys.some((d) => d.step === later && d.tool === tool)) return false;
    if (outcome.some((o) => later.if?.text.includes(o))) return true;
    return runsOnFailure(later.if);
  });
}

/** The step is itself the retry: it runs after an earlier deploy with the same tool failed. */
function isRetryOf(deploys: readonly DeployStep[], step: Step, tool: string): boolean {
  if (!runsOnFailure(step.if)) return false;
  return deploys.some((d) => d.tool === tool && d.step.index < step.index);
}

export default defineRule({
  meta: {
    id: 'github-actions/deploy-retry',
    language: 'github-actions',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'Deploy steps retry transient failures',
      rationale:
        'Cloud APIs, registries and cluster API servers throttle and time out. A deploy step that gives up on the first error turns a transient blip into a failed, half-finished rollout that someone has to notice and re-run by hand.',
      remediation:
        'Wrap the deploy command in a retry action (`nick-fields/retry`), a shell loop with a back-off, or add a follow-up step with `if: steps.<id>.outcome == \'failure\'` that retries it.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10'],
      preset: 'strict',
      defaults:
        'GitHub never re-runs a failed step by itself. A deploy step is a step that uses an action or runs a command of the shared deploy catalog against a target that outlives the job (not a kind or LocalStack target the job made); other steps of a deploy job are not judged.',
    },
    messages: {
      noRetry: 'Deploy {{step}} ({{tool}}: `{{what}}`) has no retry; one transient API or network error fails the whole deploy.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    const index = actionsIndex(context.project);
    let workflow: Workflow | undefined;
    /** Reports the deploy steps written in `steps` (steps of local actions are judged in their own file). */
    const check = (steps: readonly Step[], deploys: readonly DeployStep[]) => {
      const reported = new Set<Step>();
      for (const deploy of deploys) {
        const { step, tool } = deploy;
        if (reported.has(step) || !steps.includes(step)) continue;
        if (hasBuiltInRetry(step) || retriedLater(steps, deploys, step, tool) || isRetryOf(deploys, step, tool)) continue;
        reported.add(step);
        const at = step.uses?.value.range ?? step.run?.key ?? step.range;
        context.report({ node: { range: at }, messageId: 'noRetry', data: { step: stepPhrase(step), what: deploy.what, tool } });
      }
    };
    return {
      Workflow(node: Workflow) {
        workflow = node;
      },
      Job(job: Job) {
        check(job.steps, deployStepsOf(job, { index, workflow }));
      },
      Action(action: Action) {
        check(action.steps, actionDeploySteps(action, index));
      },
    };
  },
});
