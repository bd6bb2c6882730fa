import { defineRuleFor } from '@nospof/core';
import type { TerraformNodes } from '@nospof/terraform';

/** `defineRule` for terraform rules: visitor keys and node parameters are checked against the model. */
export const defineRule = defineRuleFor<TerraformNodes>();
