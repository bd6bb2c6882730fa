import type { Finding } from '@nospof/api';
import { countByControl, FRAMEWORKS } from './compliance.js';
import { guardLines, visible } from './escape.js';
import type { FormatContext, Formatter } from './types.js';

const codes = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, underline: 4 } as const;

function paint(enabled: boolean) {
  return (style: keyof typeof codes, text: string) => (enabled ? `\u001b[${codes[style]}m${text}\u001b[0m` : text);
}

const severityStyle = { error: 'red', warning: 'yellow', info: 'blue' } as const;

/**
 * Human output: findings grouped by file, each line `file:line:col  severity  message  rule`. Everything
 * taken from the scanned files is shown through `visible`, so it cannot move the cursor or end a line.
 */
export const stylish: Formatter = (results, context) => {
  const c = paint(context.color);
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  for (const result of results) {
    const shown = result.findings.filter((f) => !f.suppressed);
    if (shown.length === 0) continue;
    const file = visible(result.file);
    out.push(c('underline', file));
    for (const f of shown) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
      if (f.fix) fixable++;
      const where = `${file}:${f.range.start.line}:${f.range.start.column}`;
      out.push(`  ${where}  ${c(severityStyle[f.severity], f.severity.padEnd(7))}  ${visible(f.message)}  ${c('gray', visible(f.ruleId))}`);
      for (const r of f.related ?? []) out.push(`    ${c('gray', `↳ ${visible(r.file)}:${r.range.start.line}:${r.range.start.column}  ${visible(r.message)}`)}`);
      if (context.color) out.push(...codeFrame(f, context.sources.get(result.file), c));
    }
    out.push('');
  }
  const total = errors + warnings + infos;
  if (total === 0) return '';
  const parts = [`${errors} error${errors === 1 ? '' : 's'}`, `${warnings} warning${warnings === 1 ? '' : 's'}`];
  if (infos > 0) parts.push(`${infos} info`);
  const summary = `${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')})`;
  out.push(c(errors > 0 ? 'red' : 'yellow', c('bold', `✖ ${summary}`)));
  if (fixable > 0) out.push(`  ${fixable} fixable with the \`--fix\` option.`);
  out.push(...controlSummary(results, context));
  return guardLines(`${out.join('\n')}\n`);
};

/** With `--compliance`, the open findings per control of the framework. */
function controlSummary(results: Parameters<Formatter>[0], context: FormatContext): string[] {
  if (!context.compliance) return [];
  const counts = countByControl(results, context.compliance);
  const width = Math.max(...counts.map((k) => k.control.id.length));
  return [
    '',
    `${FRAMEWORKS[context.compliance].name}:`,
    ...counts.map((k) => `  ${visible(k.control.id).padEnd(width)}  ${String(k.open).padStart(4)} open  ${visible(k.control.title)}`),
  ];
}

function codeFrame(f: Finding, text: string | undefined, c: ReturnType<typeof paint>): string[] {
  if (text === undefined) return [];
  const lines = text.split('\n');
  const lineText = lines[f.range.start.line - 1];
  if (lineText === undefined) return [];
  const gutter = String(f.range.start.line).padStart(6);
  const width = f.range.end.line === f.range.start.line ? Math.max(1, f.range.end.column - f.range.start.column) : 1;
  // Tabs are expanded and other controls escaped; the caret is measured on the text as shown.
  const show = (s: string) => visible(s.replace(/\t/g, '    '));
  const indent = show(lineText.slice(0, f.range.start.column - 1)).length;
  return [
    c('gray', `${gutter} | `) + show(lineText.replace(/\r$/, '')),
    c('gray', `${' '.repeat(6)} | `) + ' '.repeat(indent) + c('red', '^'.repeat(width)),
  ];
}
