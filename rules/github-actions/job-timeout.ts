import type { Fixer } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import { callInputs, EMPTY_SCOPE, jobScopes, jobScopesIn, resolveRunsOn, workflowInputScopes, type GithubActionsIndex, type Job, type Scope, type Workflow } from '@nospof/github-actions';
import { insertKey } from './utils/fix.js';
import { actionsIndex } from './utils/project.js';
import { serviceAsWritten, serviceLabel } from './utils/hosted-services.js';
import { customLabels, isHostedLabel, isLargerHostedLabel, isSelfHosted } from './utils/runner-labels.js';

/** What a job's runner is, across its matrix legs and callers. */
type RunnerKind =
  /** A self-hosted pool or a larger runner: a hung job holds a machine others wait for (or bills by the minute). */
  | { readonly kind: 'shared'; readonly label: string }
  /** A hosted runner service (Blacksmith, Depot, RunsOn...): a fresh machine per job, billed by the minute. */
  | { readonly kind: 'service'; readonly service: string; readonly label: string }
  /** Standard GitHub-hosted runners only: a fresh VM per job. */
  | { readonly kind: 'hosted' }
  /** `runs-on` is only known at run time. */
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * The scopes a job's `runs-on` is evaluated in: each matrix leg, for each caller when its workflow is
 * called, else in each run its workflow declares input values for (defaults, choice options).
 */
function scopesOf(job: Job, workflow: Workflow | undefined, index: () => GithubActionsIndex | undefined): { scopes: readonly Scope[] } | { reason: string } {
  const callers = workflow ? (index()?.callersOf(workflow) ?? []) : [];
  let inputSets: Scope['inputs'][] = [undefined];
  if (workflow && callers.length > 0) inputSets = callers.map((c) => callInputs(c.job, workflow, {}));
  else if (workflow) {
    const declared = jobScopesIn(job, workflowInputScopes(workflow));
    return declared.known ? { scopes: declared.value } : { reason: declared.reason };
  }
  const scopes: Scope[] = [];
  for (const inputs of inputSets) {
    const legs = jobScopes(job, inputs);
    if (!legs.known) return { reason: legs.reason };
    scopes.push(...legs.value);
  }
  return { scopes };
}

function runnerOf(job: Job, workflow: Workflow | undefined, index: () => GithubActionsIndex | undefined): RunnerKind | undefined {
  if (!job.runsOn) return undefined;
  const written = serviceAsWritten(job.runsOn.labels);
  if (written) return { kind: 'service', ...written };
  // Literal labels (nearly every job) need no scopes: the same runner in every leg and for every caller.
  const found = job.runsOn.labels.some((l) => l.dynamic) || job.runsOn.group?.dynamic ? scopesOf(job, workflow, index) : { scopes: [EMPTY_SCOPE] };
  if ('reason' in found) return { kind: 'unknown', reason: found.reason };
  let unknownReason: string | undefined;
  let service: RunnerKind | undefined;
  for (const scope of found.scopes) {
    const request = job.runsOn ? resolveRunsOn(job.runsOn, scope) : undefined;
    if (!request) continue;
    if (!request.known) {
      unknownReason ??= request.reason;
      continue;
    }
    const { labels, group } = request.value;
    // A leg on a service is remembered, not returned: another leg may still hold a shared machine.
    const onService = serviceLabel(labels);
    if (onService) {
      service ??= { kind: 'service', ...onService };
      continue;
    }
    const larger = labels.find(isLargerHostedLabel);
    if (larger) return { kind: 'shared', label: larger };
    if (isSelfHosted(labels, group)) return { kind: 'shared', label: group ?? customLabels(labels)[0] ?? labels.find((l) => !isHostedLabel(l)) ?? 'self-hosted' };
  }
  if (service) return service;
  return unknownReason === undefined ? { kind: 'hosted' } : { kind: 'unknown', reason: unknownReason };
}

export default defineRule({
  meta: {
    id: 'github-actions/job-timeout',
    language: 'github-actions',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Jobs on self-hosted, larger and third-party hosted runners set `timeout-minutes` so a hung step cannot hold a machine for six hours',
      rationale:
        'Without `timeout-minutes` a job that hangs (a stuck network call, a prompt waiting for input) keeps its runner for 360 minutes. On a self-hosted pool that is one runner fewer for every other job, and a deploy queued behind it waits for hours; a larger GitHub runner or a hosted runner service (Blacksmith, Depot, RunsOn...) bills every one of those minutes. On a standard GitHub-hosted runner a hung job holds no shared machine, so that case is only advised under the strict preset.',
      remediation: 'Add `timeout-minutes` to the job, a little above its usual duration, or a `timeout-minutes` on every step.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2'],
      preset: 'recommended',
      defaults:
        'An absent `timeout-minutes` means 360 minutes (GitHub-hosted and self-hosted runners alike). A runner is shared when `runs-on` asks for `self-hosted`, a runner group, a custom label (self-hosted or a larger runner) or a larger macOS label (`-large`, `-xlarge`); standard `ubuntu-*`, `windows-*` and `macos-*` labels are GitHub-hosted. Labels of hosted runner services (`blacksmith-*vcpu-*`, `buildjet-*vcpu-*`, `depot-<os>-*`, `namespace-profile-*`, `nscloud-<os>-*`, `warp-<os>-*`, `runs-on=...`, `ubicloud-*`) start a fresh machine per job but bill by the minute: judged like larger runners, with a message about the service. A `runs-on` known only at run time is not judged by the recommended preset.',
    },
    messages: {
      missing: 'Job "{{job}}" runs on "{{runner}}" without `timeout-minutes`; a hung step holds that machine for the default 360 minutes.',
      missingService:
        'Job "{{job}}" runs on {{service}} runner "{{label}}" without `timeout-minutes`; a hung step keeps that hosted runner, billed by the minute, for the default 360 minutes.',
      missingHosted: 'Job "{{job}}" has no `timeout-minutes`; a hung step runs for the default 360 minutes before GitHub stops it.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          fixMinutes: { type: 'integer', minimum: 1, maximum: 4320 },
          hostedRunners: { type: 'boolean', description: 'Also flag jobs on standard GitHub-hosted runners (as warnings).' },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ fixMinutes: 30, hostedRunners: false }],
    strictOptions: [{ fixMinutes: 30, hostedRunners: true }],
    fixable: true,
  },
  create(context, [{ fixMinutes, hostedRunners }]) {
    // Asked for only when a job's runner depends on its callers: a literal `runs-on` is a fact of the file
    // alone, so the editor shows it before the repository is indexed.
    const index = () => actionsIndex(context.project);
    let workflow: Workflow | undefined;
    return {
      Workflow(node: Workflow) {
        workflow = node;
      },
      Job(job: Job) {
        if (job.uses || job.timeoutMinutes) return;
        if (job.steps.length > 0 && job.steps.every((s) => s.timeoutMinutes !== undefined)) return;
        const runner = runnerOf(job, workflow, index);
        if (!runner) return;
        const fix = (fixer: Fixer) => insertKey(fixer, job.layout, `timeout-minutes: ${fixMinutes}`);
        if (runner.kind === 'shared') {
          context.report({ node: { range: job.key }, messageId: 'missing', data: { job: job.id, runner: runner.label }, fix });
          return;
        }
        if (runner.kind === 'service') {
          context.report({ node: { range: job.key }, messageId: 'missingService', data: { job: job.id, service: runner.service, label: runner.label }, fix });
          return;
        }
        if (!hostedRunners) {
          if (runner.kind === 'unknown') context.skipped({ known: false, reason: runner.reason, range: job.runsOn?.range ?? job.key }, `runs-on of job "${job.id}"`);
          return;
        }
        // Hosted (or at least hosted: a run-time `runs-on`) is advice, never an error.
        context.report({ node: { range: job.key }, messageId: 'missingHosted', data: { job: job.id }, severity: 'warning', fix });
      },
    };
  },
});
