import { type Range } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import { onlyCalled, type Concurrency, type Job, type Workflow } from '@nospof/github-actions';
import { isDeployJob } from './utils/deploy.js';
import { insertKey } from './utils/fix.js';
import { actionsIndex } from './utils/project.js';

export default defineRule({
  meta: {
    id: 'github-actions/deploy-concurrency',
    language: 'github-actions',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Deploy jobs run one at a time and are never cancelled half-way',
      rationale:
        'Two runs deploying the same environment at once interleave (an older build can land last), and `cancel-in-progress: true` kills a deploy in the middle, leaving the environment half-updated with no one to finish the rollout.',
      remediation:
        'Give deploy jobs (or the workflow) a `concurrency` group per target environment, with `cancel-in-progress` absent or `false` so later runs queue instead of killing the running deploy.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10'],
      preset: 'recommended',
      defaults:
        'Without `concurrency` runs are not serialised at all. `cancel-in-progress` defaults to `false`. A job is a deploy job when it has an `environment:` or deploys with a known action or command (kubectl apply, helm upgrade, terraform apply, cloud deploy actions...).',
    },
    messages: {
      missing: 'Deploy job "{{job}}" has no `concurrency` group; two runs can deploy at the same time.',
      missingForCall: 'Job "{{job}}" calls a workflow that deploys ("{{target}}") without a `concurrency` group; two runs can deploy at the same time.',
      cancelsInProgress: '`cancel-in-progress: true` cancels deploy job "{{job}}" half-way when a new run starts; set it to false so runs queue.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
  },
  create(context) {
    const index = actionsIndex(context.project);
    const reported = new Set<number>();
    let workflow: Workflow | undefined;

    const cancels = (concurrency: Concurrency | undefined, job: Job): boolean => {
      const cancel = concurrency?.cancelInProgress;
      if (!cancel?.value.known || !cancel.value.value) return false;
      if (!reported.has(cancel.range.start.offset)) {
        reported.add(cancel.range.start.offset);
        const target: { range: Range } = { range: cancel.range };
        context.report({ node: target, messageId: 'cancelsInProgress', data: { job: job.id }, fix: (f) => f.replace(target, 'false') });
      }
      return true;
    };

    const checkCall = (job: Job, owner: Workflow) => {
      const called = index?.calledWorkflow(job);
      if (!called) return;
      const concurrency = job.concurrency ?? owner.concurrency;
      const uncovered = called.jobs.filter((j) => isDeployJob(j) && !j.concurrency && !called.concurrency);
      const first = uncovered[0];
      if (!first) return;
      if (concurrency) {
        cancels(concurrency, job);
        return;
      }
      context.report({
        node: { range: job.key },
        messageId: 'missingForCall',
        data: { job: job.id, target: first.id },
        related: [{ node: { range: first.key }, file: first.file, message: `deploy job "${first.id}"` }],
        fix: (f) => insertKey(f, job.layout, `concurrency: \${{ github.workflow }}-${job.id}`),
      });
    };

    return {
      Workflow(node: Workflow) {
        workflow = node;
      },
      Job(job: Job) {
        if (!workflow) return;
        if (job.uses) {
          checkCall(job, workflow);
          return;
        }
        if (!isDeployJob(job)) return;
        const concurrency = job.concurrency ?? workflow.concurrency;
        if (concurrency) {
          cancels(concurrency, job);
          return;
        }
        if (onlyCalled(workflow)) return;
        const group = job.environment?.name ? `deploy-${job.environment.name.text}` : `\${{ github.workflow }}-${job.id}`;
        context.report({
          node: { range: job.key },
          messageId: 'missing',
          data: { job: job.id },
          fix: (f) => insertKey(f, job.layout, `concurrency: ${group}`),
        });
      },
    };
  },
});
