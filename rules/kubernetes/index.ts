import type { AnyRule } from '@nospof/core';
import minReplicas from './min-replicas.js';

export const kubernetesRules: readonly AnyRule[] = [minReplicas];
