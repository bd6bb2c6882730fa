import type { AnyRule } from '@nospof/core';
import healthCheck from './health-check.js';
import singleServerBackend from './single-server-backend.js';
import timeouts from './timeouts.js';

export const haproxyRules: readonly AnyRule[] = [singleServerBackend, healthCheck, timeouts];
