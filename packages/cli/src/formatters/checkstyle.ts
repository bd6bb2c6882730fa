import { messageWithContext, xml } from './escape.js';
import type { Formatter } from './types.js';

/**
 * Checkstyle XML, as tflint and ESLint write it and Jenkins (warnings-ng `checkStyle`), Gerrit and
 * reviewdog read it: one `<file>` per linted file, one `<error>` per open finding, the rule id as `source`.
 */
export const checkstyle: Formatter = (results) => {
  const files = results.map((r) => {
    const errors = r.findings
      .filter((f) => !f.suppressed)
      .map((f) => `    <error line="${f.range.start.line}" column="${f.range.start.column}" severity="${f.severity}" message="${xml(messageWithContext(f))}" source="${xml(f.ruleId)}" />`);
    return errors.length === 0 ? `  <file name="${xml(r.file)}" />` : `  <file name="${xml(r.file)}">\n${errors.join('\n')}\n  </file>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n${files.join('\n')}${files.length > 0 ? '\n' : ''}</checkstyle>\n`;
};
