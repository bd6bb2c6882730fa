export * from './rule-tester.js';
export * from './dedent.js';
export * from './fuzz-runs.js';
