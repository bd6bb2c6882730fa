import { deployTools } from '../../shared/catalog/index.js';
import { matchCatalog } from './tools.js';
import type { Step } from '@nospof/jenkins';

/**
 * A step that changes a running environment: a command or plugin step of the shared deploy catalog
 * (`kubectl apply`, `helm upgrade`, `terraform apply`, `kubernetesDeploy` ...). A stage name is no
 * evidence, and `build job: 'deploy-prod'` only triggers another job, which serialises itself.
 */
export function deploys(step: Step): boolean {
  return matchCatalog(step, deployTools).length > 0;
}
