import { defineRuleFor } from '@nospof/core';
import type { AlertingNodes } from '@nospof/alerting';

/** `defineRule` for alerting rules: visitor keys and node parameters are checked against the model. */
export const defineRule = defineRuleFor<AlertingNodes>();
