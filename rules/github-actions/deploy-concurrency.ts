import { type Range } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import { onlyCalled, type Concurrency, type Job, type Workflow } from '@nospof/github-actions';
import { calledJobs } from './utils/called.js';
import { jobEvents, perRunGroupPart, safeConcurrencyGroup } from './utils/concurrency-group.js';
import { deployStepsOf, describeDeploy, jobDeployReason, type DeployContext, type DeployReason } from './utils/deploy.js';
import { insertKey } from './utils/fix.js';
import { actionsIndex } from './utils/project.js';
import { controllerRequests } from '../shared/catalog/index.js';

/** True when every deploy step of the job only asks a GitOps controller to reconcile. */
function onlyControllerRequests(job: Job, ctx: DeployContext): boolean {
  const steps = deployStepsOf(job, ctx);
  return steps.length > 0 && steps.every((d) => d.via === 'command' && controllerRequests.has(d.what));
}

function cancelValue(concurrency: Concurrency | undefined): boolean {
  const cancel = concurrency?.cancelInProgress;
  return cancel?.value.known === true && cancel.value.value;
}

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
        'Give deploy jobs (or the workflow) a `concurrency` group per target, with `cancel-in-progress` absent or `false` so later runs queue instead of killing the running deploy.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:CP-10'],
      preset: 'recommended',
      defaults:
        'Without `concurrency` runs are not serialised at all. `cancel-in-progress` defaults to `false`. A job whose only deploy commands ask a GitOps controller to reconcile (`flux reconcile`, `argocd app sync`) is not judged: the controller applies and serialises the rollout, whatever happens to the job. A job deploys when it runs a command or uses an action of the shared deploy catalog (kubectl apply, helm upgrade, terraform apply, aws s3 sync to a bucket, mkdocs gh-deploy, a release image push...) against a target that outlives the job, or when its environment is named for a real target (production, staging, prod-*...). Clusters and emulators the job creates itself (kind, k3d, minikube, LocalStack) and an environment that only holds secrets, or the credentials of a job that only previews a deploy (`terraform plan`, `pulumi preview`, `kubectl diff`, a `--dry-run`), do not make a deploy.',
    },
    messages: {
      missing: 'Job "{{job}}" deploys ({{why}}) but has no `concurrency` group; two runs can deploy at the same time.',
      missingForCall:
        'Job "{{job}}" calls a workflow whose job "{{target}}" deploys ({{why}}) without a `concurrency` group; two runs can deploy at the same time.',
      cancelsInProgress: '`cancel-in-progress: true` cancels deploy job "{{job}}" half-way when a new run starts ({{why}}); set it to false so runs queue.',
      perRun:
        'Job "{{job}}" deploys ({{why}}) but its `concurrency` group is unique per run (`{{part}}`); two runs can deploy at the same time. Name the group for the target instead.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
  },
  create(context) {
    const index = actionsIndex(context.project);
    const reported = new Set<number>();
    let workflow: Workflow | undefined;
    let everyJobDeploys: boolean | undefined;
    const onlyDeploys = (owner: Workflow) =>
      (everyJobDeploys ??= owner.jobs.length > 0 && owner.jobs.every((j) => jobDeployReason(j, { index, workflow: owner }) !== undefined));

    /** Reports `cancel-in-progress: true` once per setting; the fix only when it changes deploys alone. */
    const reportCancel = (concurrency: Concurrency, job: Job, reason: DeployReason, onlyDeploys: boolean) => {
      const cancel = concurrency.cancelInProgress;
      if (!cancel || reported.has(cancel.range.start.offset)) return;
      reported.add(cancel.range.start.offset);
      const target: { range: Range } = { range: cancel.range };
      context.report({
        node: target,
        messageId: 'cancelsInProgress',
        data: { job: job.id, why: describeDeploy(reason) },
        ...(onlyDeploys ? { fix: (f) => f.replace(target, 'false') } : {}),
      });
    };

    /** Reports a `cancel-in-progress: true` over a deploy job, unless its group is unique per run (it then cancels nothing). */
    const reportCancels = (job: Job, owner: Workflow, reason: DeployReason) => {
      if (!perRun(owner.concurrency, owner, job) && cancelValue(owner.concurrency) && owner.concurrency)
        reportCancel(owner.concurrency, job, reason, onlyDeploys(owner));
      if (!perRun(job.concurrency, owner, job) && cancelValue(job.concurrency) && job.concurrency) reportCancel(job.concurrency, job, reason, true);
    };

    /** A group unique per run (`github.run_id`) for the events the job runs on neither queues nor cancels: it covers nothing. */
    const perRun = (concurrency: Concurrency | undefined, owner: Workflow, job: Job): { concurrency: Concurrency; part: string } | undefined => {
      const events = jobEvents(owner.triggers.map((t) => t.event), job.if);
      const part = perRunGroupPart(concurrency?.group, events);
      return concurrency && part ? { concurrency, part } : undefined;
    };

    /**
     * Checks the groups covering a deploy job: 'covered' when one serialises it, 'reported' when the only
     * groups are unique per run (reported here), 'none' when there is none.
     */
    const covered = (job: Job, owner: Workflow, reason: DeployReason): 'covered' | 'reported' | 'none' => {
      const ownerPerRun = perRun(owner.concurrency, owner, job);
      const jobPerRun = perRun(job.concurrency, owner, job);
      reportCancels(job, owner, reason);
      if ((job.concurrency && !jobPerRun) || (owner.concurrency && !ownerPerRun)) return 'covered';
      const unique = jobPerRun ?? ownerPerRun;
      if (!unique) return 'none';
      const group = job.concurrency ? undefined : safeConcurrencyGroup(job);
      context.report({
        node: { range: unique.concurrency.group?.range ?? unique.concurrency.range },
        messageId: 'perRun',
        data: { job: job.id, why: describeDeploy(reason), part: unique.part },
        ...(group ? { fix: (f) => insertKey(f, job.layout, `concurrency: ${group}`) } : {}),
      });
      return 'reported';
    };

    const checkCall = (job: Job, owner: Workflow) => {
      const called = index?.calledWorkflow(job);
      if (!called) return;
      let first: { job: Job; reason: DeployReason } | undefined;
      for (const c of calledJobs(index, job) ?? []) {
        if ((c.job.concurrency && !perRunGroupPart(c.job.concurrency.group, [])) || (called.concurrency && !perRunGroupPart(called.concurrency.group, []))) continue;
        const reason = jobDeployReason(c.job, { index, workflow: called }, c.inputs);
        if (reason && !onlyControllerRequests(c.job, { index, workflow: called })) {
          first = { job: c.job, reason };
          break;
        }
      }
      if (!first) return;
      if (covered(job, owner, first.reason) !== 'none') return;
      const group = safeConcurrencyGroup(job);
      context.report({
        node: { range: job.key },
        messageId: 'missingForCall',
        data: { job: job.id, target: first.job.id, why: describeDeploy(first.reason) },
        related: [{ node: { range: first.job.key }, file: first.job.file, message: `deploy job "${first.job.id}"` }],
        ...(group ? { fix: (f) => insertKey(f, job.layout, `concurrency: ${group}`) } : {}),
      });
    };

    return {
      Workflow(node: Workflow) {
        workflow = node;
        everyJobDeploys = undefined;
      },
      Job(job: Job) {
        if (!workflow) return;
        if (job.uses) {
          checkCall(job, workflow);
          return;
        }
        const reason = jobDeployReason(job, { index, workflow });
        if (!reason || onlyControllerRequests(job, { index, workflow })) return;
        if (onlyCalled(workflow)) {
          // Judged at its callers; a `cancel-in-progress: true` of its own is still its own.
          reportCancels(job, workflow, reason);
          return;
        }
        if (covered(job, workflow, reason) !== 'none') return;
        const group = safeConcurrencyGroup(job);
        context.report({
          node: { range: job.key },
          messageId: 'missing',
          data: { job: job.id, why: describeDeploy(reason) },
          ...(group ? { fix: (f) => insertKey(f, job.layout, `concurrency: ${group}`) } : {}),
        });
      },
    };
  },
});
