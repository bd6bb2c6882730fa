import { flattenSteps } from '@nospof/jenkins';
import { deployTools } from '../../shared/catalog/index.js';
import { matchCatalog } from './tools.js';
import type { Step } from '@nospof/jenkins';

const deployName = /deploy|rollout|roll-out|promot|release|go[- ]live/i;

export function deploysWith(steps: readonly Step[]): boolean {
  return flattenSteps(steps).some((s) => matchCatalog(s, deployTools).length > 0);
}

/** A stage deploys when its name says so or a step in it runs a known deploy tool. */
export function isDeployStage(name: string | undefined, steps: readonly Step[]): boolean {
  return (name !== undefined && deployName.test(name)) || deploysWith(steps);
}
