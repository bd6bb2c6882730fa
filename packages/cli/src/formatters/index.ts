import { checkstyle } from './checkstyle.js';
import { compact } from './compact.js';
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { htmlReport } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Formatter } from './types.js';

export const formatters: Readonly<Record<string, Formatter>> = { stylish, json, sarif, junit, github, markdown, gitlab, checkstyle, compact, html: htmlReport };
export type { FormatContext, Formatter, ToolNotification } from './types.js';
export { FRAMEWORKS, filterByFramework, isFramework, rulesByControl, type Framework } from './compliance.js';
export { visible, guardLines } from './escape.js';
