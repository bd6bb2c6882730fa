import { defineRule } from './utils/define-rule.js';
import { terraformIndex } from './utils/instances.js';

export default defineRule({
  meta: {
    id: 'terraform/evaluation-budget',
    language: 'terraform',
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'Every resource and module instance is evaluated within nospof\'s budgets',
      rationale: 'A `count` of millions, a huge `for_each`, modules nested too deep or calling each other cannot be evaluated: what they create is not judged, and a gate that passes because it judged nothing is worse than none.',
      remediation: 'Bring the expansion within the budget named in the message (a real configuration never needs more), or break the loop of modules calling each other.',
      compliance: ['ISO27001:A.8.14'],
      preset: 'recommended',
      defaults: 'Budgets: 10,000 instances per `count`/`for_each`, 20,000 module instances and 16 levels of module calls per deployment unit, 100,000 elements per collection and 1,000,000 characters per string built by an expression, 20,000,000 evaluation steps per unit.',
    },
    messages: {
      exceeded: '{{reason}}: nospof did not judge what it would create.',
      recursion: '{{reason}}.',
    },
    schema: [],
    defaultOptions: [],
    fixable: false,
  },
  create(context) {
    return {
      // Reported at the end of each file: by then the rules judging its blocks have evaluated what they
      // need. Every file of a unit reports every event seen so far; the engine keeps each finding once.
      'TerraformFile:exit'() {
        const index = terraformIndex(context);
        for (const event of index?.budgetEvents(context.settings) ?? []) {
          context.report({
            file: event.file,
            node: { range: event.range },
            messageId: event.budget === 'moduleRecursion' ? 'recursion' : 'exceeded',
            data: { reason: event.reason, budget: event.budget },
          });
        }
      },
    };
  },
});
