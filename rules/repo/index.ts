import type { AnyRule } from '@nospof/core';

export const repoRules: readonly AnyRule[] = [];
