import type { Severity } from '@nospof/api';
import type { Formatter } from './types.js';

const command: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub workflow commands: annotations on the exact lines of the pull request diff. */
export const github: Formatter = (results) => {
  const lines: string[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      if (f.suppressed) continue;
      const { start, end } = f.range;
      const props = [`file=${escapeProperty(r.file)}`, `line=${start.line}`, `endLine=${end.line}`, `title=${escapeProperty(f.ruleId)}`];
      if (start.line === end.line) props.splice(2, 0, `col=${start.column}`, `endColumn=${end.column}`);
      lines.push(`::${command[f.severity]} ${props.join(',')}::${escapeData(f.message)}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};
