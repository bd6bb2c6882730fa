import type { AnyRule } from '@nospof/core';

export const terraformRules: readonly AnyRule[] = [];
