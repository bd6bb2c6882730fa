export type * from './ast.js';
export { parseHcl, type HclParseResult } from './parse-hcl.js';
export { parseTfJson, type TfJsonOptions } from './json/tf-json.js';
export { parseJson, type JsonNode, type JsonParseResult } from './json/json-parser.js';
export { HCL_VISITOR_KEYS } from './visitor-keys.js';
