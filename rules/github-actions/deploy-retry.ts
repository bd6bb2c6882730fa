import { defineRule } from './utils/define-rule.js';
import { runsOnFailure, stepScript, type Action, type Step } from '@nospof/github-actions';
import type { Job } from '@nospof/github-actions';
import { deployToolOf } from './utils/deploy.js';
import { stepLabel } from './utils/step-label.js';

/** Actions that re-run the command they wrap. */
const RETRY_ACTIONS = /^(?:nick-fields\/retry|nick-invision\/retry|wandalen\/wretry\.action|cloudposse\/github-action-retry)$/i;

/** A shell loop or retry helper around the command. */
const RETRY_SCRIPT = [
  /\b(?:for\s+\w+\s+in\b|until\b|while\b)[\s\S]*?\bdo\b/,
  /(?:^|[\s;&|(])retry\b/m,
  /\bretry_with_backoff\b/,
  /--retry(?:-attempts|-count)?\b/,
];

function hasBuiltInRetry(step: Step): boolean {
  const target = step.uses?.target;
  if (target?.kind === 'repository' && RETRY_ACTIONS.test(`${target.owner}/${target.repo}`)) return true;
  const script = stepScript(step);
  return RETRY_SCRIPT.some((pattern) => pattern.test(script));
}

/** A later step that runs when this one failed and deploys again with the same tool. */
function retriedLater(steps: readonly Step[], step: Step, tool: string): boolean {
  const id = step.id?.text;
  return steps.slice(step.index + 1).some((later) => {
    if (deployToolOf(later) !== tool || !later.if) return false;
    if (id !== undefined && new RegExp(`steps\\.${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(?:outcome|conclusion)`).test(later.if.text)) return true;
    return runsOnFailure(later.if);
  });
}

/** The step is itself the retry: it runs after an earlier deploy with the same tool failed. */
function isRetryOf(steps: readonly Step[], step: Step, tool: string): boolean {
  if (!runsOnFailure(step.if)) return false;
  return steps.slice(0, step.index).some((earlier) => deployToolOf(earlier) === tool);
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
      defaults: 'GitHub never re-runs a failed step by itself. A deploy step is a step that uses a known deploy action or runs a known deploy command (see the deploy catalog).',
    },
    messages: {
      noRetry: 'Deploy step "{{step}}" ({{tool}}) has no retry; one transient API or network error fails the whole deploy.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    const check = (steps: readonly Step[]) => {
      for (const step of steps) {
        const tool = deployToolOf(step);
        if (tool === undefined || hasBuiltInRetry(step) || retriedLater(steps, step, tool) || isRetryOf(steps, step, tool)) continue;
        const at = step.uses?.value.range ?? step.run?.key ?? step.range;
        context.report({ node: { range: at }, messageId: 'noRetry', data: { step: stepLabel(step), tool } });
      }
    };
    return {
      Job(job: Job) {
        check(job.steps);
      },
      Action(action: Action) {
        check(action.steps);
      },
    };
  },
});
