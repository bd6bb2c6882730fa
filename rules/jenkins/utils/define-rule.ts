import { defineRuleFor } from '@nospof/core';
import type { JenkinsNodes } from '@nospof/jenkins';

/** `defineRule` for jenkins rules: visitor keys and node parameters are checked against the model. */
export const defineRule = defineRuleFor<JenkinsNodes>();
