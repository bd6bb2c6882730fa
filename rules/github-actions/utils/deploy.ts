import type { Job, Step } from '@nospof/github-actions';
import { deployTools } from '../../shared/catalog/index.js';
import { stepTools } from './tools.js';

/** The deploy tool a step uses (known action or command), if any. */
export function deployToolOf(step: Step): string | undefined {
  return stepTools(step, deployTools)[0]?.name;
}

export function deploySteps(job: Job): Step[] {
  return job.steps.filter((s) => deployToolOf(s) !== undefined);
}

/** A deploy job: it targets an `environment:` or deploys with a known action or command. */
export function isDeployJob(job: Job): boolean {
  return job.environment !== undefined || job.steps.some((s) => deployToolOf(s) !== undefined);
}
