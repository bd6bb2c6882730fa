import { defineRule } from './utils/define-rule.js';
import type { Job } from '@nospof/github-actions';
import { insertKey } from './utils/fix.js';

export default defineRule({
  meta: {
    id: 'github-actions/job-timeout',
    language: 'github-actions',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Jobs set `timeout-minutes` so a hung step cannot hold a runner for six hours',
      rationale:
        'Without `timeout-minutes` a job that hangs (a stuck network call, a prompt waiting for input) keeps its runner for 360 minutes. On a self-hosted pool that is one runner fewer for every other job, and a deploy queued behind it waits for hours.',
      remediation: 'Add `timeout-minutes` to the job, a little above its usual duration, or a `timeout-minutes` on every step.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2'],
      preset: 'recommended',
      defaults: 'An absent `timeout-minutes` means 360 minutes (GitHub-hosted and self-hosted runners alike).',
    },
    messages: {
      missing: 'Job "{{job}}" has no `timeout-minutes`; a hung step holds its runner for the default 360 minutes.',
    },
    schema: [
      {
        type: 'object',
        properties: { fixMinutes: { type: 'integer', minimum: 1, maximum: 4320 } },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ fixMinutes: 30 }],
    fixable: true,
  },
  create(context, [{ fixMinutes }]) {
    return {
      Job(job: Job) {
        if (job.uses || job.timeoutMinutes) return;
        if (job.steps.length > 0 && job.steps.every((s) => s.timeoutMinutes !== undefined)) return;
        context.report({
          node: { range: job.key },
          messageId: 'missing',
          data: { job: job.id },
          fix: (fixer) => insertKey(fixer, job.layout, `timeout-minutes: ${fixMinutes}`),
        });
      },
    };
  },
});
