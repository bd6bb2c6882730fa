import type { Formatter } from './types.js';

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** One test suite per file and one failing test case per finding, for CI test-report views. */
export const junit: Formatter = (results) => {
  const suites: string[] = [];
  let failures = 0;
  let tests = 0;
  for (const r of results) {
    const shown = r.findings.filter((f) => !f.suppressed);
    const cases = shown.map((f) => {
      const where = `${r.file}:${f.range.start.line}:${f.range.start.column}`;
      return `    <testcase classname="${xml(f.ruleId)}" name="${xml(`${where} ${f.ruleId}`)}" file="${xml(r.file)}" line="${f.range.start.line}">\n      <failure type="${f.severity}" message="${xml(f.message)}">${xml(`${where}: ${f.message} (${f.ruleId})`)}</failure>\n    </testcase>`;
    });
    if (cases.length === 0) cases.push(`    <testcase classname="nospof" name="${xml(r.file)}" file="${xml(r.file)}" />`);
    failures += shown.length;
    tests += cases.length;
    suites.push(`  <testsuite name="${xml(r.file)}" tests="${cases.length}" failures="${shown.length}" errors="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="nospof" tests="${tests}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
};
