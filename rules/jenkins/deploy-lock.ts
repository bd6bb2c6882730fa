import { defineRule } from './utils/define-rule.js';
import { allSteps, ancestors, firstArgument, flattenSteps, nodesOfType, optionNamed, resourceOf, stringValue, wrappedBy } from '@nospof/jenkins';
import type { JenkinsFile, ModelNode, Options, Stage } from '@nospof/jenkins';
import { isDeployStage } from './utils/deploy.js';

/** A deploy is serialised by `lock` (option or wrapper) or by `disableConcurrentBuilds` for the job. */
function stageLocked(stage: Stage): boolean {
  const holders = [stage, ...ancestors(stage)] as (ModelNode & { readonly options?: Options | undefined })[];
  if (holders.some((h) => optionNamed(h, 'lock'))) return true;
  return flattenSteps(stage.steps?.steps ?? []).some((s) => s.name === 'lock');
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
        'Jenkins runs builds of a job concurrently unless told otherwise. A stage deploys when its name says deploy, release, rollout or promote, or when it runs a known deploy command (kubectl apply, helm upgrade, terraform apply, ...).',
    },
    messages: {
      unlocked: 'Deploy stage "{{stage}}" has no `lock` and the job allows concurrent builds; two builds can deploy at once.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    return {
      JenkinsFile(file: JenkinsFile) {
        const serialised = allSteps(file).some((s) => s.name === 'disableConcurrentBuilds' && !s.deferred);
        if (serialised) return;
        for (const stage of nodesOfType<Stage>(file, 'Stage')) {
          if (!stage.steps) continue;
          const name = stage.name.known ? stage.name.value : undefined;
          if (!isDeployStage(name, stage.steps.steps) || stageLocked(stage)) continue;
          context.report({ node: { range: stage.nameRange }, messageId: 'unlocked', data: { stage: name ?? '?' }, resource: resourceOf(stage) });
        }
        if (file.pipeline) return;
        for (const step of allSteps(file)) {
          if (step.name !== 'stage' || !step.hasClosure || step.deferred) continue;
          const label = stringValue(firstArgument(step, 'name'));
          const name = label.known ? label.value : undefined;
          if (!isDeployStage(name, step.body)) continue;
          if (wrappedBy(step, ['lock']) || flattenSteps(step.body).some((s) => s.name === 'lock')) continue;
          context.report({ node: { range: step.nameRange }, messageId: 'unlocked', data: { stage: name ?? '?' }, resource: resourceOf(step) });
        }
      },
    };
  },
});
