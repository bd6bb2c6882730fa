export * from './types.js';
export * from './scanners.js';
export * from './notification-channels.js';
export * from './deploy-tools.js';
export * from './match.js';
