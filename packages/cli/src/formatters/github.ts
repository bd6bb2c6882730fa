import type { Severity } from '@nospof/api';
import { messageWithContext, visible } from './escape.js';
import { pathAnchor } from './locations.js';
import type { Formatter } from './types.js';

const command: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub's escaping for a workflow command's data (the runner decodes exactly these). Other control
 * characters have no encoding the runner decodes, so they are shown as escapes first.
 */
function escapeData(text: string): string {
  return visible(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also escape `:` and `,`, which end a property. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub workflow commands: annotations on the exact lines of the pull request diff. Every line is one
 * command this formatter writes; text from the scanned files only ever appears escaped inside one, so it
 * can neither end the command nor start another (`::add-mask::`, `::stop-commands::`).
 */
export const github: Formatter = (results, context) => {
  // GitHub resolves `file` against the repository root, whatever directory nospof ran in.
  const anchor = pathAnchor(context);
  const lines: string[] = [];
  for (const r of results) {
    const file = anchor?.relative(r.file) ?? r.file;
    for (const f of r.findings) {
      if (f.suppressed) continue;
      const { start, end } = f.range;
      const props = [`file=${escapeProperty(file)}`, `line=${start.line}`, `endLine=${end.line}`, `title=${escapeProperty(f.ruleId)}`];
      if (start.line === end.line) props.splice(2, 0, `col=${start.column}`, `endColumn=${end.column}`);
      lines.push(`::${command[f.severity]} ${props.join(',')}::${escapeData(messageWithContext(f))}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};
