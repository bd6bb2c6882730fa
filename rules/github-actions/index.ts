import type { AnyRule } from '@nospof/core';
import deployConcurrency from './deploy-concurrency.js';
import deployRetry from './deploy-retry.js';
import failureNotification from './failure-notification.js';
import jobTimeout from './job-timeout.js';
import matrixFailFast from './matrix-fail-fast.js';
import runnerSinglePoint from './runner-single-point.js';
import singleRegionDeploy from './single-region-deploy.js';

export const githubActionsRules: readonly AnyRule[] = [
  runnerSinglePoint,
  jobTimeout,
  deployConcurrency,
  failureNotification,
  deployRetry,
  matrixFailFast,
  singleRegionDeploy,
];
