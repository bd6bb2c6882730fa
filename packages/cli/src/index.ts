export { main } from './main.js';
export { createLinter, languages, allRules, settingsSchemas } from './engine.js';
export { ConfigCache, loadConfig, readConfigFile, findConfigFile, CONFIG_NAMES } from './config-loader.js';
export { formatters } from './formatters/index.js';
export { discover } from './discover.js';
export { readSourceFile, decodeSource, readHead } from './read-file.js';
export { renderDocHeader, withDocHeader, renderRuleTable, HEADER_END } from './rule-doc.js';
export { ruleDocUrl } from './formatters/index.js';
export { editorSchema } from './editor-schema.js';
