export * from './parse.js';
export * from './comments.js';
export * from './access.js';
