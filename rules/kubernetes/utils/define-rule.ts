import { defineRuleFor } from '@nospof/core';
import type { KubernetesNodes } from '@nospof/kubernetes';

/** `defineRule` for kubernetes rules: visitor keys and node parameters are checked against the model. */
export const defineRule = defineRuleFor<KubernetesNodes>();
