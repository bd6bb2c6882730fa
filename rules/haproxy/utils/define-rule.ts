import { defineRuleFor } from '@nospof/core';
import type { HaproxyNodes } from '@nospof/haproxy';

/** `defineRule` for haproxy rules: visitor keys and node parameters are checked against the model. */
export const defineRule = defineRuleFor<HaproxyNodes>();
