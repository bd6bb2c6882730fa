import { type Range } from '@nospof/core';
import { defineRule } from './utils/define-rule.js';
import { resolveRunsOn, type Job, type Matrix, type RunsOn, type Scope } from '@nospof/github-actions';
import { insertKey } from './utils/fix.js';

const PLATFORM_DIMENSION = /^(?:os|oses|platforms?|runners?|runs-on|arch|archs|architectures?|targets?)$/i;

/** Distinct runner label sets across the legs, or undefined when some leg's runner is dynamic. */
function runnerSets(runsOn: RunsOn, matrix: Matrix): number | undefined {
  if (!matrix.legs.known) return undefined;
  const sets = new Set<string>();
  for (const leg of matrix.legs.value) {
    const scope: Scope = { matrix: leg };
    const request = resolveRunsOn(runsOn, scope);
    if (!request.known) return undefined;
    sets.add(JSON.stringify([request.value.group ?? null, [...request.value.labels].sort()]));
  }
  return sets.size;
}

/** The platform dimension with 2+ values, when the runner itself cannot tell (containers, called workflows). */
function platformDimension(matrix: Matrix): string | undefined {
  return matrix.dimensions.find((d) => PLATFORM_DIMENSION.test(d.name) && d.values.known && d.values.value.length >= 2)?.name;
}

export default defineRule({
  meta: {
    id: 'github-actions/matrix-fail-fast',
    language: 'github-actions',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'Multi-platform matrices set `fail-fast: false` so one failing platform does not cancel the others',
      rationale:
        'A matrix over platforms builds redundant artifacts: when the Windows leg fails, the Linux and macOS builds are still good and a release can ship them. With the default `fail-fast: true` one failing (or flaky) leg cancels every other leg, turning one broken platform into no build at all.',
      remediation: 'Set `strategy.fail-fast: false` on matrices whose legs run on different platforms.',
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2'],
      preset: 'strict',
      defaults: 'An absent `fail-fast` means `true`. A matrix is multi-platform when its legs resolve `runs-on` to different runners, or when it has an `os`/`platform`/`runner`/`arch`/`target` dimension with two or more values.',
    },
    messages: {
      failFast: 'Matrix of job "{{job}}" spans {{platforms}} platforms but fails fast; one failing leg cancels the others. Set `fail-fast: false`.',
    },
    schema: [],
    defaultOptions: [],
    fixable: true,
  },
  create(context) {
    return {
      Job(job: Job) {
        const strategy = job.strategy;
        const matrix = strategy?.matrix;
        if (!strategy || !matrix) return;
        const failFast = strategy.failFast;
        if (failFast && (!failFast.value.known || !failFast.value.value)) {
          if (!failFast.value.known) context.skipped(failFast.value, `fail-fast of job "${job.id}"`);
          return;
        }
        const sets = job.runsOn ? runnerSets(job.runsOn, matrix) : undefined;
        const dimension = platformDimension(matrix);
        const platforms = sets !== undefined && sets >= 2 ? sets : sets === undefined && dimension !== undefined ? countOf(matrix, dimension) : 0;
        if (platforms < 2) return;
        const data = { job: job.id, platforms };
        if (failFast) {
          const target: { range: Range } = { range: failFast.range };
          context.report({ node: target, messageId: 'failFast', data, fix: (f) => f.replace(target, 'false') });
          return;
        }
        context.report({ node: { range: strategy.key }, messageId: 'failFast', data, fix: (f) => insertKey(f, strategy.layout, 'fail-fast: false') });
      },
    };
  },
});

function countOf(matrix: Matrix, name: string): number {
  const dimension = matrix.dimensions.find((d) => d.name === name);
  return dimension?.values.known ? new Set(dimension.values.value.map((v) => JSON.stringify(v))).size : 0;
}
