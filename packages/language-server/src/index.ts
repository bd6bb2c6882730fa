export { startServer } from './start-server.js';
export { NospofServer, type InitializationOptions } from './server.js';
export { type Settings, defaultSettings, normalizeSettings } from './settings.js';
export { APPLY_FIX_ALL, OPEN_RULE_DOCS, FIX_ALL_KIND, SERVER_COMMANDS } from './commands.js';
