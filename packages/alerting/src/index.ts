export * from './model/types.js';
export { parseMatchers, evaluateMatcher, evaluateAll, fullMatch } from './model/matchers.js';
export type { Tri, ParsedMatcher } from './model/matchers.js';
export { walkRoutes, deliver, effectiveReceiver, isWithin, selectedValue } from './model/routing.js';
export type { RouteAt, Delivery } from './model/routing.js';
export { kindByName, mayHoldAlerting } from './model/build.js';
export { AlertingIndex } from './project-index.js';
export { alertingLanguage } from './language.js';
