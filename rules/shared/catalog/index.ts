export * from './types.js';
export * from './scanners.js';
export * from './notification-channels.js';
export * from './deploy-tools.js';
export * from './local-targets.js';
export * from './teardown-tools.js';
export * from './match.js';
export { shellCommands, type ShellCommand } from './shell.js';
export { resolvedCommands, type ResolvedCommand } from './commands.js';
