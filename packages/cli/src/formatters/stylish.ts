import type { Finding } from '@nospof/api';
import type { Formatter } from './types.js';

const codes = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, underline: 4 } as const;

function paint(enabled: boolean) {
  return (style: keyof typeof codes, text: string) => (enabled ? `\u001b[${codes[style]}m${text}\u001b[0m` : text);
}

const severityStyle = { error: 'red', warning: 'yellow', info: 'blue' } as const;

/** Human output: findings grouped by file, each line `file:line:col  severity  message  rule`. */
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
    out.push(c('underline', result.file));
    for (const f of shown) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
      if (f.fix) fixable++;
      const where = `${result.file}:${f.range.start.line}:${f.range.start.column}`;
      out.push(`  ${where}  ${c(severityStyle[f.severity], f.severity.padEnd(7))}  ${f.message}  ${c('gray', f.ruleId)}`);
      for (const r of f.related ?? []) out.push(`    ${c('gray', `↳ ${r.file}:${r.range.start.line}:${r.range.start.column}  ${r.message}`)}`);
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
  return `${out.join('\n')}\n`;
};

function codeFrame(f: Finding, text: string | undefined, c: ReturnType<typeof paint>): string[] {
  if (text === undefined) return [];
  const lines = text.split('\n');
  const lineText = lines[f.range.start.line - 1];
  if (lineText === undefined) return [];
  const gutter = String(f.range.start.line).padStart(6);
  const width = f.range.end.line === f.range.start.line ? Math.max(1, f.range.end.column - f.range.start.column) : 1;
  return [
    c('gray', `${gutter} | `) + lineText.replace(/\r$/, ''),
    c('gray', `${' '.repeat(6)} | `) + ' '.repeat(f.range.start.column - 1) + c('red', '^'.repeat(width)),
  ];
}
