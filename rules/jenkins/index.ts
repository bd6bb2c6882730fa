import type { AnyRule } from '@nospof/core';
import agentLossRetry from './agent-loss-retry.js';
import agentSinglePoint from './agent-single-point.js';
import deployLock from './deploy-lock.js';
import failureNotification from './failure-notification.js';
import inputTimeout from './input-timeout.js';
import noControllerBuilds from './no-controller-builds.js';
import notificationNeedsAgent from './notification-needs-agent.js';
import pipelineTimeout from './pipeline-timeout.js';

export const jenkinsRules: readonly AnyRule[] = [
  noControllerBuilds,
  agentSinglePoint,
  pipelineTimeout,
  inputTimeout,
  failureNotification,
  notificationNeedsAgent,
  agentLossRetry,
  deployLock,
];
