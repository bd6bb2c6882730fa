import type { AnyRule } from '@nospof/core';

export const jenkinsRules: readonly AnyRule[] = [];
