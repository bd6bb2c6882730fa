export * from './parse.js';
export * from './comments.js';
export * from './cache.js';
export * from './reader/node.js';
export { YamlBudget, BudgetExceeded, type BudgetKind } from './reader/budget.js';
export { resolvePlain } from './reader/scalar.js';
