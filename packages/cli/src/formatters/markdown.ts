import { countByControl, FRAMEWORKS } from './compliance.js';
import { guardLines, markdownCode, markdownText } from './escape.js';
import type { Formatter } from './types.js';

/** A table for pull-request comments and job summaries; text from the scanned files renders literally. */
export const markdown: Formatter = (results, context) => {
  const rows = results.flatMap((r) =>
    r.findings
      .filter((f) => !f.suppressed)
      .map((f) => `| ${f.severity} | ${markdownCode(`${r.file}:${f.range.start.line}:${f.range.start.column}`)} | ${markdownText(f.message)} | ${markdownCode(f.ruleId)} |`),
  );
  const controls = context.compliance
    ? [
        '',
        `#### ${FRAMEWORKS[context.compliance].name}`,
        '',
        '| control | open | suppressed | title |',
        '| --- | --- | --- | --- |',
        ...countByControl(results, context.compliance).map((k) => `| ${markdownText(k.control.id)} | ${k.open} | ${k.suppressed} | ${markdownText(k.control.title)} |`),
      ]
    : [];
  const body =
    rows.length === 0
      ? ['### nospof', '', 'No single points of failure found.']
      : [`### nospof: ${rows.length} finding${rows.length === 1 ? '' : 's'}`, '', '| severity | location | finding | rule |', '| --- | --- | --- | --- |', ...rows];
  return guardLines(`${[...body, ...controls].join('\n')}\n`);
};
