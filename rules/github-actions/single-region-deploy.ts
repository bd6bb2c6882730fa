import { type Range } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import { jobScopesOrOpaque, type Job, type Scope, type Workflow } from '@nospof/github-actions';
import { calledJobs, callerSite } from './utils/called.js';
import { deployReason, describeDeploy, jobDeployReason, type DeployReason } from './utils/deploy.js';
import { actionsIndex } from './utils/project.js';
import { deployTargets, isCleanupJob, type DeployTarget, type TargetKind } from './utils/targets.js';

/** A target as the workflow sees it: where to report it (in this file), and which job it belongs to. */
interface Placed {
  readonly job: Job;
  readonly reason: DeployReason;
  readonly target: DeployTarget;
  readonly at: Range | undefined;
}

export default defineRule({
  meta: {
    id: 'github-actions/single-region-deploy',
    language: 'github-actions',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'Deploy workflows target more than one region or cluster',
      rationale:
        'A service deployed to one region or one cluster goes down with it. When the pipeline only knows one target there is no second place to fail over to, and no tested way to deploy one in an emergency.',
      remediation:
        'Deploy to two regions or clusters: a matrix over targets (`matrix: { region: [us-east-1, us-west-2] }`), one job per region, or a reusable deploy workflow called once per region.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36', 'NIST800-53:CP-10'],
      preset: 'strict',
      defaults:
        'Targets are read from deploy inputs (`aws-region`, `region`, `location`, `cluster`, `cluster-name`), environment variables (`AWS_REGION`, `CLUSTER_NAME`, ...) and `--region`/`--cluster`/`--context` flags of deploy commands. Only real settings count: a region value must name one region (`auto`, `global` and multi-region locations do not), and cleanup jobs (named for it, or running `terraform destroy`, `helm uninstall`...) are not deploys. A workflow whose targets are not all known is not judged.',
    },
    messages: {
      singleTarget:
        'Job "{{job}}" deploys ({{why}}) only to {{kind}} "{{target}}" and no other job or matrix leg deploys elsewhere; an outage there has nowhere to fail over.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    const index = actionsIndex(context.project);

    const placedOf = (workflow: Workflow): Placed[] | undefined => {
      const placed: Placed[] = [];
      for (const job of workflow.jobs) {
        if (job.uses) {
          const called = calledJobs(index, job);
          if (!called) continue;
          for (const c of called) {
            if (!jobDeployReason(c.job, { index, workflow: c.workflow }, c.inputs) || isCleanupJob(c.job)) continue;
            for (const scope of jobScopesOrOpaque(c.job, c.inputs)) {
              const reason = deployReason(c.job, { index, workflow: c.workflow, scope });
              if (!reason) continue;
              for (const target of deployTargets(c.workflow, c.job, scope, index)) {
                const at = target.text.dynamic && /\binputs\./.test(target.text.text) ? callerSite(job, target.text.text) : undefined;
                placed.push({ job, reason, target, at });
              }
            }
          }
          continue;
        }
        if (!jobDeployReason(job, { index, workflow }) || isCleanupJob(job)) continue;
        for (const scope of jobScopesOrOpaque(job)) {
          const reason = deployReason(job, { index, workflow, scope });
          if (!reason) continue;
          for (const target of deployTargets(workflow, job, scope as Scope, index)) placed.push({ job, reason, target, at: target.text.range });
        }
      }
      return placed;
    };

    return {
      Workflow(workflow: Workflow) {
        const placed = placedOf(workflow);
        if (!placed || placed.length === 0) return;
        const dynamic = placed.find((p) => !p.target.value.known);
        if (dynamic) {
          if (!dynamic.target.value.known) context.skipped(dynamic.target.value, 'deploy target');
          return;
        }
        const distinct = (kind: TargetKind) =>
          new Set(placed.filter((p) => p.target.kind === kind).map((p) => (p.target.value.known ? p.target.value.value.toLowerCase() : '')));
        const regions = distinct('region');
        const clusters = distinct('cluster');
        if (regions.size > 1 || clusters.size > 1) return;
        const kind: TargetKind = regions.size === 1 ? 'region' : 'cluster';
        const reported = new Set<string>();
        for (const p of placed) {
          if (p.target.kind !== kind || !p.at || !p.target.value.known || reported.has(p.job.id)) continue;
          reported.add(p.job.id);
          context.report({
            node: { range: p.at },
            messageId: 'singleTarget',
            data: { job: p.job.id, why: describeDeploy(p.reason), kind, target: p.target.value.value },
            resource: p.job.resource ?? p.job.id,
          });
        }
      },
    };
  },
});
