import type { AnyRule } from '@nospof/core';

export const githubActionsRules: readonly AnyRule[] = [];
