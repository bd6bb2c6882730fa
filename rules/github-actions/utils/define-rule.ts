import { defineRuleFor } from '@nospof/core';
import type { GithubActionsNodes } from '@nospof/github-actions';

/** `defineRule` for github-actions rules: visitor keys and node parameters are checked against the model. */
export const defineRule = defineRuleFor<GithubActionsNodes>();
