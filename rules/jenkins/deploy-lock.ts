import { defineRule } from './utils/define-rule.js';
import { ancestors, firstArgument, flattenRuns, nodesOfType, optionNamed, resourceOf, stringValue, wrappingRun } from '@nospof/jenkins';
import type { JenkinsFile, ModelNode, Options, Run, Stage } from '@nospof/jenkins';
import { deploys, onlyAsksController } from './utils/deploy.js';
import { allRuns, fileFlow, followedCompletely, judgedOnItsOwn, located } from './utils/flow.js';
import type { FileFlow } from './utils/flow.js';

/** Wrappers that let one build at a time through: lockable resources, throttle categories. */
const serialising: ReadonlySet<string> = new Set(['lock', 'throttle']);

/** A stage locked by `options { lock(...) }` on it or an enclosing stage, matrix or the pipeline. */
function optionLocked(stage: Stage): boolean {
  const holders = [stage, ...ancestors(stage)] as (ModelNode & { readonly options?: Options | undefined })[];
  return holders.some((h) => optionNamed(h, 'lock') !== undefined || optionNamed(h, 'throttleJobProperty') !== undefined);
}

/** `disableConcurrentBuilds()` in the pipeline options or in scripted `properties([...])`, wherever reached. */
function jobSerialised(ff: FileFlow): boolean {
  const options = ff.file.pipeline?.options?.entries ?? [];
  if (options.some((o) => o.name === 'disableConcurrentBuilds')) return true;
  return allRuns(ff).some((r) => r.step.name === 'disableConcurrentBuilds' && !r.step.member);
}

function deploysUnlocked(runs: readonly Run[]): Run[] {
  return flattenRuns(runs).filter((r) => deploys(r.step) && !onlyAsksController(r.step) && !wrappingRun(r, serialising));
}

function stageLabel(run: Run): string {
  const name = stringValue(firstArgument(run.step, 'name'));
  return name.known ? name.value : '?';
}

export default defineRule({
  meta: {
    id: 'jenkins/deploy-lock',
    language: 'jenkins',
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'Deploy stages run one at a time',
      rationale:
        'Two builds deploying the same environment at once interleave their steps: an older build can finish last and roll production back, or two migrations run together. A `lock` (or `disableConcurrentBuilds()` for the job) makes the deployment a single, ordered writer.',
      remediation:
        "Add `options { lock(resource: 'production') }` to the deploy stage, wrap the deploy steps in `lock('production') { }`, or add `disableConcurrentBuilds()` to the pipeline options (scripted: `properties([disableConcurrentBuilds()])`).",
      compliance: ['ISO27001:A.8.14', 'SOC2:A1.2'],
      preset: 'strict',
      defaults:
        'Jenkins runs builds of a job concurrently unless told otherwise. A stage deploys when it runs (itself, or through helpers, loaded scripts and library steps of the scanned tree) a command or step of the shared deploy catalog (kubectl apply, helm upgrade, terraform apply, ansible-playbook, ...); its name alone is no evidence, and `build job:` only triggers another job. A step whose only deploy commands ask a GitOps controller to reconcile (`argocd app sync`, `flux reconcile`) needs no lock: the controller applies and serialises the rollout.',
    },
    messages: {
      unlocked: 'Deploy stage "{{stage}}" has no `lock` and the job allows concurrent builds; two builds can deploy at once.',
      unlockedStep: '`{{step}}` deploys outside any `lock` and the job allows concurrent builds; two builds can deploy at once.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    return {
      JenkinsFile(file: JenkinsFile) {
        const ff = fileFlow(context, file);
        if (!judgedOnItsOwn(ff) || jobSerialised(ff) || !followedCompletely(context, ff)) return;
        if (file.pipeline) {
          for (const stage of nodesOfType<Stage>(file, 'Stage')) {
            if (!stage.steps || optionLocked(stage)) continue;
            if (deploysUnlocked(ff.flow.runsOf(stage.steps.steps)).length === 0) continue;
            const name = stage.name.known ? stage.name.value : '?';
            context.report({ node: { range: stage.nameRange }, messageId: 'unlocked', data: { stage: name }, resource: resourceOf(stage) });
          }
          return;
        }
        // scripted: each unlocked deploy is reported at its stage, once per stage, or on its own outside stages
        const reported = new Set<Run>();
        for (const run of deploysUnlocked(ff.flow.runsOf(file.steps))) {
          const stage = wrappingRun(run, ['stage']);
          if (stage && reported.has(stage)) continue;
          if (stage) {
            reported.add(stage);
            context.report({ ...located(ff, stage, stage.step.nameRange), messageId: 'unlocked', data: { stage: stageLabel(stage) }, resource: resourceOf(stage.step) });
          } else {
            context.report({ ...located(ff, run, run.step.nameRange), messageId: 'unlockedStep', data: { step: run.step.name }, resource: resourceOf(run.step) });
          }
        }
      },
    };
  },
});
