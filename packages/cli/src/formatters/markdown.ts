import type { Formatter } from './types.js';
import { ruleDocUrl } from './types.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A table for pull-request comments and job summaries. */
export const markdown: Formatter = (results) => {
  const rows = results.flatMap((r) =>
    r.findings
      .filter((f) => !f.suppressed)
      .map((f) => `| ${f.severity} | \`${cell(r.file)}:${f.range.start.line}:${f.range.start.column}\` | ${cell(f.message)} | [${f.ruleId}](${ruleDocUrl(f.ruleId)}) |`),
  );
  if (rows.length === 0) return '### nospof\n\nNo single points of failure found.\n';
  return `### nospof: ${rows.length} finding${rows.length === 1 ? '' : 's'}\n\n| severity | location | finding | rule |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`;
};
