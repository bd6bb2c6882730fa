import { guardLines, messageWithContext, visible } from './escape.js';
import type { Formatter } from './types.js';

/** One line per finding, `file:line:col: severity rule message`: for grep, editors' error lists and logs. */
export const compact: Formatter = (results) => {
  const lines = results.flatMap((r) =>
    r.findings
      .filter((f) => !f.suppressed)
      .map((f) => `${visible(r.file)}:${f.range.start.line}:${f.range.start.column}: ${f.severity} ${visible(f.ruleId)} ${visible(messageWithContext(f))}`),
  );
  return lines.length === 0 ? '' : guardLines(`${lines.join('\n')}\n`);
};
