import { mapList, type MessageData, type Range } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import { EMPTY_SCOPE, jobScopes, jobScopesIn, resolveRunsOn, workflowInputScopes, type Job, type RunnerRequest, type Scope, type Workflow } from '@nospof/github-actions';
import { calledJobs, callerSite } from './utils/called.js';
import { serviceAsWritten } from './utils/hosted-services.js';
import { actionsIndex } from './utils/project.js';
import { customLabels, isHostedLabel, isSelfHosted, namesOneMachine } from './utils/runner-labels.js';
import { runnerPools } from './utils/settings.js';
import { isReleaseWorkflow } from './utils/triggers.js';

type Verdict = { messageId: 'singleRunner'; label: string; count: number } | { messageId: 'namedMachine'; label: string };

function judge(request: RunnerRequest, pools: ReadonlyMap<string, number> | undefined): Verdict | undefined {
  if (!isSelfHosted(request.labels, request.group)) return undefined;
  const names = [...request.labels.filter((l) => !isHostedLabel(l)), ...(request.group === undefined ? [] : [request.group])];
  let smallest: { label: string; count: number } | undefined;
  for (const label of names) {
    const count = pools?.get(label.toLowerCase());
    if (count !== undefined && (!smallest || count < smallest.count)) smallest = { label, count };
  }
  if (smallest) return smallest.count <= 1 ? { messageId: 'singleRunner', ...smallest } : undefined;
  const machine = customLabels(request.labels).find(namesOneMachine);
  return machine ? { messageId: 'namedMachine', label: machine } : undefined;
}

/** The pool a self-hosted request draws from, as a stable key (its custom labels and group). */
function poolKey(request: RunnerRequest): string {
  const custom = customLabels(request.labels).map((l) => l.toLowerCase()).sort();
  const parts = [...(request.group === undefined ? [] : [`group:${request.group}`]), ...custom];
  return parts.length === 0 ? 'self-hosted' : parts.join('+');
}

/** Self-hosted for sure: it asks for `self-hosted`, or for a label declared in `runnerPools` (larger GitHub runners are not). */
function certainlySelfHosted(request: RunnerRequest, pools: ReadonlyMap<string, number> | undefined): boolean {
  if (!isSelfHosted(request.labels, request.group)) return false;
  const names = [...request.labels, ...(request.group === undefined ? [] : [request.group])].map((l) => l.toLowerCase());
  return names.includes('self-hosted') || names.some((n) => pools?.has(n) === true);
}

interface Placement {
  readonly request: RunnerRequest;
  readonly range: Range;
  readonly file: string;
}

export default defineRule({
  meta: {
    id: 'github-actions/runner-single-point',
    language: 'github-actions',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Jobs do not depend on a single self-hosted runner',
      rationale:
        'A job that can only run on one machine waits forever when that machine is down, busy or being patched. A release workflow whose every job needs the same self-hosted pool cannot ship a fix while that pool is broken.',
      remediation:
        'Register more runners with the label (and declare the pool size in `settings.github-actions.runnerPools`), use a label that several runners share, or let at least one path of a release workflow run on GitHub-hosted runners.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2', 'NIST800-53:SC-36'],
      preset: 'recommended',
      defaults:
        'Without `runnerPools` the size of a self-hosted pool is unknown and only labels naming one machine (a host name, an IP address, `build-01`) are flagged. GitHub-hosted labels (`ubuntu-*`, `windows-*`, `macos-*`) start a fresh VM per job and are never a single point; nor are labels of hosted runner services (`blacksmith-*vcpu-*`, `buildjet-*vcpu-*`, `depot-<os>-*`, `namespace-profile-*`, `nscloud-<os>-*`, `warp-<os>-*`, `runs-on=...`, `ubicloud-*`), which start a fresh machine per job too.',
    },
    messages: {
      singleRunner: 'Job "{{job}}" needs label "{{label}}", which {{count}} runner(s) carry; when that runner is down the job cannot run.',
      namedMachine: 'Job "{{job}}" runs on "{{label}}", a label that names one machine; when it is down the job cannot run.',
      releaseOnOnePool:
        'Every job of release workflow "{{workflow}}" runs on self-hosted pool "{{pool}}"; when that pool is down nothing can be released. Give one path a fallback runner.',
    },
    schema: [
      {
        type: 'object',
        properties: { checkReleasePools: { type: 'boolean' } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkReleasePools: true }],
    fixable: false,
  },
  create(context, [{ checkReleasePools }]) {
    const pools = runnerPools(context.settings);
    const index = actionsIndex(context.project);

    /**
     * The runners a job asks for in each of its scopes; undefined when one of them is only known at run
     * time. With `own`, also in the runs its workflow declares input values for (a dispatch `runner` input
     * with a default or choices): each is a run that can happen, so a scope known only at run time is
     * skipped rather than hiding the others. The release check does not use them: the values declared for
     * a free-text input are not all the runners a dispatch can name.
     */
    const requestsOf = (job: Job, inputs: Scope['inputs'], own?: Workflow): RunnerRequest[] | undefined => {
      if (!job.runsOn) return undefined;
      // Literal labels (nearly every job) are the same in every leg: no matrix to expand.
      if (!job.runsOn.labels.some((l) => l.dynamic) && !job.runsOn.group?.dynamic) {
        const request = resolveRunsOn(job.runsOn, EMPTY_SCOPE);
        return request.known ? [request.value] : undefined;
      }
      // A RunsOn label names its service before the run id known only at run time: a request as written,
      // so the release check still sees a job that does not need the self-hosted pool.
      const written = serviceAsWritten(job.runsOn.labels);
      if (written) return [{ labels: [written.label], range: job.runsOn.range }];
      const declared = own && !inputs ? workflowInputScopes(own) : [];
      const scopes = declared.length > 0 ? jobScopesIn(job, declared) : jobScopes(job, inputs);
      if (!scopes.known) {
        context.skipped(scopes, `runs-on of job "${job.id}"`);
        return undefined;
      }
      const requests: RunnerRequest[] = [];
      for (const scope of scopes.value) {
        const request = resolveRunsOn(job.runsOn, scope);
        if (!request.known) {
          context.skipped(request, `runs-on of job "${job.id}"`);
          if (declared.length > 0) continue;
          return undefined;
        }
        requests.push(request.value);
      }
      return requests;
    };

    const reportVerdicts = (job: Job, requests: readonly RunnerRequest[], at: Range, related?: { range: Range; file: string }) => {
      let seen: Set<string> | undefined;
      for (const request of requests) {
        const verdict = judge(request, pools);
        if (!verdict || seen?.has(verdict.label)) continue;
        (seen ??= new Set()).add(verdict.label);
        const data: MessageData = verdict.messageId === 'singleRunner' ? { job: job.id, label: verdict.label, count: verdict.count } : { job: job.id, label: verdict.label };
        context.report({
          node: { range: at },
          messageId: verdict.messageId,
          data,
          ...(related ? { related: [{ node: { range: related.range }, file: related.file, message: `runs-on of job "${job.id}"` }] } : {}),
        });
      }
    };

    const placementsOf = (workflow: Workflow): Placement[] | undefined => {
      const placements: Placement[] = [];
      for (const job of workflow.jobs) {
        if (job.uses) {
          const called = calledJobs(index, job);
          if (!called) return undefined;
          for (const c of called) {
            const requests = requestsOf(c.job, c.inputs);
            if (!requests) return undefined;
            for (const request of requests) placements.push({ request, range: c.job.runsOn?.range ?? c.job.key, file: c.job.file });
          }
          continue;
        }
        const requests = requestsOf(job, undefined);
        if (!requests) return undefined;
        for (const request of requests) placements.push({ request, range: job.runsOn?.range ?? job.key, file: job.file });
      }
      return placements;
    };

    let current: Workflow | undefined;

    return {
      Workflow(workflow: Workflow) {
        current = workflow;
      },
      Job(job: Job) {
        if (job.uses) {
          for (const c of calledJobs(index, job) ?? []) {
            const runsOn = c.job.runsOn;
            if (!runsOn || !runsOn.labels.concat(runsOn.group ?? []).some((l) => /\binputs\./.test(l.text))) continue;
            const requests = requestsOf(c.job, c.inputs);
            if (requests) reportVerdicts(c.job, requests, callerSite(job, mapList(runsOn.labels.concat(runsOn.group ?? []), (l) => l.text).join(' ')), { range: runsOn.range, file: c.job.file });
          }
          return;
        }
        if (!job.runsOn) return;
        const requests = requestsOf(job, undefined, current);
        if (requests) reportVerdicts(job, requests, job.runsOn.range);
      },
      'Workflow:exit'(workflow: Workflow) {
        if (!checkReleasePools || !isReleaseWorkflow(workflow) || workflow.jobs.length === 0) return;
        const placements = placementsOf(workflow);
        const first = placements?.[0];
        if (!placements || !first || !placements.every((p) => certainlySelfHosted(p.request, pools))) return;
        const pool = poolKey(first.request);
        if (!placements.every((p) => poolKey(p.request) === pool)) return;
        if (placements.some((p) => judge(p.request, pools) !== undefined)) return;
        const local = placements.find((p) => p.file === workflow.file) ?? first;
        context.report({
          node: { range: local.file === workflow.file ? local.range : (workflow.jobsKey ?? workflow.range) },
          messageId: 'releaseOnOnePool',
          data: { workflow: workflow.name?.text ?? workflow.file.slice(workflow.file.lastIndexOf('/') + 1), pool },
        });
      },
    };
  },
});
