export * from './rule-tester.js';
export * from './dedent.js';
