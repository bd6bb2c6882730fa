export type * from './ast.js';
export { parseHcl, type HclParseResult } from './parse-hcl.js';
