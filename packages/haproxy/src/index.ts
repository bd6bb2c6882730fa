export * from './model.js';
export * from './settings.js';
export { HaproxyIndex } from './project-index.js';
export { parseHaproxy, SECTION_KEYWORDS } from './parser.js';
export type { HaproxyParse } from './parser.js';
export { lexLine } from './lexer.js';
export type { LexedLine, RawWord } from './lexer.js';
export { haproxyLanguage, isHaproxyPath, looksLikeHaproxy } from './language.js';
