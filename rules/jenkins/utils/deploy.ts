import { controllerRequests, deployTools } from '../../shared/catalog/index.js';
import { catalogCommandUses, matchCatalog } from './tools.js';
import type { Step } from '@nospof/jenkins';

/**
 * A step that changes a running environment: a command or plugin step of the shared deploy catalog
 * (`kubectl apply`, `helm upgrade`, `terraform apply`, `kubernetesDeploy` ...). A stage name is no
 * evidence, and `build job: 'deploy-prod'` only triggers another job, which serialises itself.
 */
export function deploys(step: Step): boolean {
  return matchCatalog(step, deployTools).length > 0;
}

/**
 * A deploy step whose only deploy commands ask a GitOps controller to reconcile (`argocd app sync`,
 * `flux reconcile`): the controller applies the change and serialises requests itself.
 */
export function onlyAsksController(step: Step): boolean {
  const tools = matchCatalog(step, deployTools);
  if (tools.length === 0) return false;
  const uses = catalogCommandUses(step, deployTools);
  // A step matched by its own name, or by text the commands do not account for, is more than a request.
  if (!tools.every((tool) => uses.some((use) => use.tool === tool))) return false;
  return uses.every((use) => controllerRequests.has(use.label));
}
